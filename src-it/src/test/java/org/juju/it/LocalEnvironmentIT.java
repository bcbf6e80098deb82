package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juju.state.testing.Nested.at;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.juju.it.JujuProcess.Result;
import org.juju.state.codec.YamlCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's path through the real launcher and real processes: bootstrap writes an
 * environments.yaml and starts ZooKeeper as a daemon; deploy and status work against it; several
 * environments run side by side; a dead daemon is brought back by bootstrap with its data; and
 * destroy-environment leaves no process and no data behind.
 */
class LocalEnvironmentIT {
    /** A first bootstrap may build the LXC container template. */
    private static final java.time.Duration BOOTSTRAP = java.time.Duration.ofMinutes(10);
    @TempDir
    Path home;
    JujuProcess juju;

    @BeforeEach
    void setUp() {
        juju = new JujuProcess(home);
    }

    @AfterEach
    void destroyEverything() throws Exception {
        if (Files.exists(home.resolve("environments.yaml"))) {
            for (String env : List.of("local", "second")) {
                juju.run("destroy-environment", "-y", "-e", env);
            }
        }
        assertThat(daemonsUnder(home)).as("no ZooKeeper daemon of this test is left running").isEmpty();
    }

    private Result ok(String... args) throws Exception {
        Result result = juju.run(args);
        assertThat(result.code()).as(result.toString()).isZero();
        return result;
    }

    /**
     * {@code juju bootstrap args...}, allowed {@link #BOOTSTRAP}: where LXC works, the first
     * bootstrap on a host builds the container template (Debian packages through the apt cache),
     * which takes minutes; later ones take seconds.
     */
    private Result bootstrap(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bootstrap"));
        command.addAll(List.of(args));
        Result result = juju.run(BOOTSTRAP, command.toArray(String[]::new));
        assertThat(result.code()).as(result.toString()).isZero();
        return result;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status(String env) throws Exception {
        return (Map<String, Object>) YamlCodec.parse(ok("status", "--format", "json", "-e", env).out(), "status");
    }


    private static List<ProcessHandle> daemonsUnder(Path home) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("ZooKeeperDaemon") && c.contains(home.toString())).orElse(false))
                .toList();
    }

    @Test
    void newcomerTourBootstrapDeployStatusDestroy() throws Exception {
        Result bootstrap = bootstrap();
        assertThat(bootstrap.out()).contains("wrote " + home.resolve("environments.yaml")).contains("Bootstrapped environment 'local'");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("environments.yaml"))))
                .isEqualTo("rw-------");
        assertThat(daemonsUnder(home)).hasSize(1);
        Path dataDir = home.resolve("data/local");
        assertThat(Files.readString(dataDir.resolve("logs/zookeeper.log"))).as("the daemons log to their files")
                .contains("ZooKeeper for " + dataDir + " is serving at ");
        assertThat(Files.readString(dataDir.resolve("agents/storage/charm-storage.log")))
                .contains("charm storage " + dataDir.resolve("storage") + " is serving at ");

        assertThat(bootstrap().out()).contains("already bootstrapped");
        assertThat(daemonsUnder(home)).as("a second bootstrap starts nothing").hasSize(1);

        ok("deploy", "--repository", JujuProcess.ROOT.resolve("charms-examples").toString(), "local:mysql");
        Map<String, Object> status = status("local");
        assertThat(at(status, "services", "mysql", "units", "mysql/0")).containsEntry("agent-state", "pending");
        assertThat(ok("status", "--format", "tabular").out()).containsPattern("mysql/0\\s+pending");

        Result destroy = ok("destroy-environment", "-y");
        assertThat(destroy.out()).contains("Destroyed environment 'local'");
        assertThat(daemonsUnder(home)).isEmpty();
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(home.toString())).orElse(false)).toList())
                .as("no process of the environment is left").isEmpty();
        Result after = juju.run("status");
        assertThat(after.code()).isEqualTo(8);
        assertThat(after.err()).contains("is not bootstrapped");
    }

    @Test
    void environmentsRunSideBySideAndSurviveADeadDaemon() throws Exception {
        Path data = home.resolve("data");
        Files.writeString(home.resolve("environments.yaml"), """
                default: local
                environments:
                  local:
                    type: local
                    data-dir: %s/local
                    admin-secret: aaaa
                  second:
                    type: local
                    data-dir: %s/second
                    admin-secret: bbbb
                """.formatted(data, data));
        bootstrap("-e", "local");
        bootstrap("-e", "second");
        assertThat(daemonsUnder(home)).hasSize(2);
        ok("deploy", "-e", "local", "--repository", JujuProcess.ROOT.resolve("charms-examples").toString(), "local:mysql");

        assertThat(at(status("local"), "services")).containsOnlyKeys("mysql");
        assertThat(at(status("second"), "services")).isEmpty();
        assertThat(at(status("local"), "environment").get("zookeeper"))
                .isNotEqualTo(at(status("second"), "environment").get("zookeeper"));

        // A host restart: the daemon dies without cleaning up.
        daemonsUnder(data.resolve("local")).forEach(ProcessHandle::destroyForcibly);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> daemonsUnder(data.resolve("local")).isEmpty());
        Result down = juju.run("status", "-e", "local");
        assertThat(down.code()).as(down.toString()).isEqualTo(7);
        assertThat(down.err()).contains("cannot reach ZooKeeper at").contains("juju bootstrap -e local");

        bootstrap("-e", "local");
        assertThat(at(status("local"), "services")).as("state survives the restart").containsOnlyKeys("mysql");
    }
}
