package org.juju.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.juju.client.CliHarness.Result;
import org.juju.state.testing.TreeDump;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input gets a one-line error naming the problem, a non-zero exit, no stack
 * trace, and leaves the state tree exactly as it was.
 */
class BadInputTest extends ClientTestBase {
    private Map<String, String> before;

    @BeforeEach
    void deployPair() throws Exception {
        assertThat(juju.run("deploy", "local:mysql").code()).isZero();
        assertThat(juju.run("deploy", "local:wordpress").code()).isZero();
        before = TreeDump.of(client);
    }

    private void assertRejected(Result result, int exitCode, String message) throws Exception {
        assertThat(result.code()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.err().lines().toList()).as(result.toString()).hasSize(1);
        assertThat(result.err()).as(result.toString()).startsWith("error: ").contains(message).doesNotContain("\tat ");
        assertThat(TreeDump.of(client)).as("the tree is unchanged").isEqualTo(before);
    }

    @Test
    void unknownEnvironment() throws Exception {
        assertRejected(juju.run("status", "-e", "nope"), 3, "unknown environment 'nope'");
    }

    @Test
    void unknownCharmAndRepository() throws Exception {
        assertRejected(juju.run("deploy", "local:nothing"), 9, "not found");
        assertRejected(juju.run("deploy", "--repository", "/no/such/dir", "local:mysql", "db2"), 9, "/no/such/dir");
        assertRejected(juju.run("deploy", "cs:precise/mysql", "db3"), 9, "charm store is not available");
    }

    @Test
    void invalidMetadataAndConfigYaml() throws Exception {
        Path repo = home.resolve("repo");
        Path broken = Files.createDirectories(repo.resolve("bookworm/broken"));
        Files.writeString(broken.resolve("metadata.yaml"), "name: broken\nsummary: [oops\n");
        Files.writeString(broken.resolve("revision"), "1\n");
        assertRejected(juju.run("deploy", "--repository", repo.toString(), "local:broken"), 9, "metadata.yaml");

        Files.writeString(broken.resolve("metadata.yaml"), "name: broken\nsummary: s\ndescription: d\n");
        Files.writeString(broken.resolve("config.yaml"), "options:\n  port: {type: int, default: abc}\n");
        assertRejected(juju.run("deploy", "--repository", repo.toString(), "local:broken"), 9, "config.yaml");
    }

    @Test
    void setWithUnknownOptionOrWrongType() throws Exception {
        assertRejected(juju.run("set", "mysql", "no-such-option=1"), 2, "no-such-option");
        assertRejected(juju.run("set", "mysql", "tuning-level=fast", "max-connections=many"), 2, "max-connections");
        assertRejected(juju.run("set", "mysql", "binlog=maybe"), 2, "binlog");
        assertRejected(juju.run("set", "mysql", "justakey"), 2, "KEY=VALUE");
    }

    @Test
    void deployWithBadConfigFile() throws Exception {
        Path config = home.resolve("cfg.yaml");
        Files.writeString(config, "db2:\n  max-connections: lots\n");
        assertRejected(juju.run("deploy", "--config", config.toString(), "local:mysql", "db2"), 2, "max-connections");
        Files.writeString(config, "other:\n  max-connections: 5\n");
        assertRejected(juju.run("deploy", "--config", config.toString(), "local:mysql", "db2"), 2, "no section for service 'db2'");
    }

    @Test
    void configOverTheSizeLimitIsRefusedWritingNothing() throws Exception {
        String huge = "x".repeat(70_000);
        assertRejected(juju.run("set", "mysql", "tuning-level=" + huge), 2,
                "config of service 'mysql' would be ");
        Path config = home.resolve("big.yaml");
        Files.writeString(config, "db2:\n  tuning-level: " + huge + "\n");
        assertRejected(juju.run("deploy", "--config", config.toString(), "local:mysql", "db2"), 2,
                "over the limit of 65536 bytes (64 KiB)");
    }

    @Test
    void hostileYamlInAConfigFileIsRefusedNamingTheFile() throws Exception {
        Path config = home.resolve("bomb.yaml");
        StringBuilder bomb = new StringBuilder("l0: &l0 [x, x]\n");
        for (int i = 1; i <= 30; i++) {
            bomb.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        Files.writeString(config, bomb.toString());
        assertRejected(juju.run("set", "mysql", "--config", config.toString()), 2, "bomb.yaml: invalid YAML");
        assertRejected(juju.run("deploy", "--config", config.toString(), "local:mysql", "db2"), 2,
                "bomb.yaml: invalid YAML");
        Files.writeString(config, "db2: !!binary AAECAwQ=\n");
        assertRejected(juju.run("deploy", "--config", config.toString(), "local:mysql", "db2"), 2,
                "bomb.yaml: invalid YAML: unsupported value of type !!binary");
        Files.write(config, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n', (byte) 0xc3});
        assertRejected(juju.run("deploy", "--config", config.toString(), "local:mysql", "db2"), 2,
                config + ": not UTF-8 text");
        try (var out = new java.io.RandomAccessFile(config.toFile(), "rw")) {
            out.setLength(org.juju.state.io.TextFiles.MAX_BYTES + 1); // sparse: nothing is written
        }
        assertRejected(juju.run("set", "mysql", "--config", config.toString()), 2,
                config + ": 16777217 bytes, over the limit of 16777216 bytes for a YAML file");
    }

    @Test
    void localCharmWithASymlinkLeadingOutsideIsRefusedNamingIt() throws Exception {
        Path repo = home.resolve("repo");
        Path charm = Files.createDirectories(repo.resolve("bookworm/sneaky/hooks"));
        Files.writeString(charm.resolveSibling("metadata.yaml"), "name: sneaky\nsummary: s\ndescription: d\n");
        Files.writeString(charm.resolveSibling("revision"), "1\n");
        Files.createSymbolicLink(charm.resolveSibling("etc"), Path.of("/etc"));

        assertRejected(juju.run("deploy", "--repository", repo.toString(), "local:sneaky"), 9,
                "symlink 'etc' points outside the charm (to /etc)");
    }

    @Test
    void garbageFromAForeignClientIsNamedAndStatusShowsEverythingElse() throws Exception {
        String unitStatus = org.juju.state.path.StatePaths.unitStatus(org.juju.state.model.UnitName.parse("mysql/0"));
        String config = org.juju.state.path.StatePaths.serviceConfig(org.juju.state.model.ServiceName.of("mysql"));
        client.setData().forPath(unitStatus, new byte[] {(byte) 0xff, (byte) 0xd8, 0, 0x1b, '[', '\n'});
        client.setData().forPath(config, "[not, a, mapping]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        before = TreeDump.of(client);

        Result yaml = juju.run("status");
        assertThat(yaml.code()).as(yaml.toString()).isZero();
        assertThat(yaml.out()).contains("mysql/0:\n", "status-error: 'znode " + unitStatus + ": invalid YAML", "wordpress/0:");
        Result table = juju.run("status", "--format", "tabular");
        assertThat(table.code()).as(table.toString()).isZero();
        assertThat(table.out()).containsPattern("mysql/0 +error").contains("UNREADABLE", "unit mysql/0", "wordpress/0");

        assertRejected(juju.run("get", "mysql"), 13, "znode " + config + ": expected a mapping at the top level, found a list");
        assertRejected(juju.run("set", "mysql", "binlog=true"), 13, "znode " + config);
    }

    @Test
    void badRelations() throws Exception {
        assertRejected(juju.run("add-relation", "ghost", "mysql"), 3, "service 'ghost' not found");
        assertRejected(juju.run("add-relation", "wordpress:website", "mysql"), 2, "no matching relation");
        assertThat(juju.run("add-relation", "wordpress", "mysql").code()).isZero();
        before = TreeDump.of(client);
        assertRejected(juju.run("add-relation", "mysql", "wordpress"), 4, "already exists");
    }

    @Test
    void removeUnitThatDoesNotExist() throws Exception {
        assertRejected(juju.run("remove-unit", "mysql/0", "mysql/9"), 3, "unit mysql/9 not found");
        assertRejected(juju.run("remove-unit", "mysql"), 2, "invalid unit name 'mysql'");
    }

    @Test
    void terminateMachineZeroOrWithUnits() throws Exception {
        assertRejected(juju.run("terminate-machine", "0"), 5, "machine 0 cannot be terminated");
        var machine = state.machines().add("bookworm");
        state.units().assign(org.juju.state.model.UnitName.parse("mysql/0"), machine);
        before = TreeDump.of(client);
        assertRejected(juju.run("terminate-machine", machine.toString()), 5, "unit mysql/0 is assigned to it");
    }

    @Test
    void retryProvisioningOfMachinesThatCannotBeRetried() throws Exception {
        var failed = state.machines().add("bookworm");
        state.machines().setStatus(failed, "error", "machine agent did not start within 120 s");
        var healthy = state.machines().add("bookworm");
        state.machines().setStatus(healthy, "started", null);
        var dying = state.machines().add("bookworm");
        state.machines().setStatus(dying, "error", "machine agent did not start within 120 s");
        state.machines().terminate(java.util.List.of(dying));
        before = TreeDump.of(client);

        assertRejected(juju.run("retry-provisioning", "one"), 2, "invalid machine id 'one'");
        assertRejected(juju.run("retry-provisioning", failed.toString(), "42"), 3, "machine 42 not found");
        assertRejected(juju.run("retry-provisioning", "0"), 5, "machine 0 cannot be retried");
        assertRejected(juju.run("retry-provisioning", failed.toString(), healthy.toString()), 5,
                "machine " + healthy + " is not in error (started)");
        assertRejected(juju.run("retry-provisioning", dying.toString()), 5, "it is being terminated");

        assertThat(juju.run("retry-provisioning", failed.toString()).code()).isZero();
        before = TreeDump.of(client);
        assertRejected(juju.run("retry-provisioning", failed.toString()), 4, "already pending");
    }

    @Test
    void malformedEnvironmentsFiles() throws Exception {
        Path file = home.resolve("environments.yaml");
        Files.writeString(file, "environments: [unclosed\n");
        assertRejected(juju.run("status"), 2, "environments.yaml: invalid YAML at line");
        Files.writeString(file, "default: x\n");
        assertRejected(juju.run("status"), 2, "missing required key 'environments'");
        Files.writeString(file, "environments:\n  a:\n    data-dir: /tmp/x\n");
        assertRejected(juju.run("status"), 2, "environment 'a': missing required key 'type'");
        Files.writeString(file, "default: b\nenvironments:\n  a: {type: local}\n");
        assertRejected(juju.run("status"), 2, "'default' names environment 'b'");
        Files.writeString(file, "environments:\n  a: {type: local, admin-secret: x}\n");
        assertRejected(juju.run("status"), 2, "missing required key 'data-dir'");
        Files.writeString(file, "environments:\n  a: {type: local, data-dir: /tmp/x}\n");
        assertRejected(juju.run("bootstrap"), 2, "environment 'a': missing required key 'admin-secret'");
        Files.writeString(file, "environments:\n  a: {type: local, data-dir: /tmp/x, admin-secret: s, provisioning-timeout: soon}\n");
        assertRejected(juju.run("bootstrap"), 2, "expected a whole number of seconds, got 'soon', for key 'provisioning-timeout'");
        Files.writeString(file, "environments:\n  a: {type: moon}\n");
        assertRejected(juju.run("status"), 2, "unknown provider type 'moon'");
    }

    @Test
    void environmentNotBootstrapped() throws Exception {
        CliHarness.writeEnvironments(home, """
                environments:
                  fresh:
                    type: local
                    data-dir: %s
                    admin-secret: abc
                """.formatted(home.resolve("fresh-data")));
        assertRejected(juju.run("deploy", "local:mysql", "db2"), 8, "environment 'fresh' is not bootstrapped: run 'juju bootstrap");
    }

    @Test
    void unreachableZooKeeperIsNamedQuickly() throws Exception {
        Files.writeString(dataDir.resolve("zookeeper.address"), "127.0.0.1:1");
        long start = System.nanoTime();
        Result result = juju.run("status");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertRejected(result, 7, "cannot reach ZooKeeper at 127.0.0.1:1");
        assertThat(seconds).as("reported within a few seconds").isLessThan(10);
    }
}
