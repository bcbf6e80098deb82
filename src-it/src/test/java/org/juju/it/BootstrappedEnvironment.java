package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.juju.it.JujuProcess.Result;
import org.juju.state.JujuState;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;

/**
 * A local environment with process machines, bootstrapped through the real {@code bin/juju} in a
 * test's own {@code JUJU_HOME}, with a state connection of the test's own; {@link #close()} runs
 * {@code destroy-environment} and checks that no process of the environment is left.
 */
final class BootstrappedEnvironment implements AutoCloseable {
    private final Path home;
    private final Path dataDir;
    private final JujuProcess juju;
    private final CuratorFramework client;
    private final JujuState state;

    private BootstrappedEnvironment(Path home, Path dataDir, JujuProcess juju, CuratorFramework client) {
        this.home = home;
        this.dataDir = dataDir;
        this.juju = juju;
        this.client = client;
        this.state = new JujuState(new StateStore(client));
    }

    /**
     * Writes {@code home/environments.yaml} for an environment {@code local} (data in
     * {@code home/data}, plus {@code extraConfig}: more keys, each on a line of its own indented by
     * four spaces) and bootstraps it.
     */
    static BootstrappedEnvironment bootstrap(Path home, String extraConfig) throws Exception {
        Path dataDir = home.resolve("data");
        Files.writeString(home.resolve("environments.yaml"), """
                environments:
                  local:
                    type: local
                    data-dir: %s
                    admin-secret: s3cret
                    container: process
                %s""".formatted(dataDir, extraConfig));
        JujuProcess juju = new JujuProcess(home);
        check(juju.run("bootstrap"));
        String address = Files.readString(dataDir.resolve("zookeeper.address")).trim();
        return new BootstrappedEnvironment(home, dataDir, juju, StateConnection.connect(address, Duration.ofSeconds(10)));
    }

    /** Runs {@code juju args...}, asserting it succeeded. */
    Result ok(String... args) throws Exception {
        return check(juju.run(args));
    }

    private static Result check(Result result) {
        assertThat(result.code()).as(result.toString()).isZero();
        return result;
    }

    JujuProcess juju() {
        return juju;
    }

    JujuState state() {
        return state;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Destroys the environment and asserts that none of its processes is left. */
    @Override
    public void close() throws Exception {
        client.close();
        juju.run("destroy-environment", "-y");
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(home.toString())).orElse(false)).toList())
                .as("destroy-environment leaves no process of the environment").isEmpty();
    }
}
