package org.juju.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.juju.provider.Instance;
import org.juju.state.EnvironmentInfo;
import org.juju.state.JujuState;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bootstrapped local environment for black-box command tests: a real ZooKeeper server recorded
 * in the environment's data dir the way the local provider records its own, and an initialized
 * tree. Tests run commands through {@link #juju} and read the tree through {@link #state}.
 */
abstract class ClientTestBase {
    static final Path REPOSITORY = Path.of("..", "charms-examples").toAbsolutePath().normalize();

    @TempDir
    Path home;
    TestingServer server;
    CuratorFramework client;
    JujuState state;
    CliHarness juju;
    Path dataDir;

    @BeforeEach
    void bootstrapEnvironment() throws Exception {
        server = new TestingServer(true);
        dataDir = home.resolve("data");
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("zookeeper.address"), server.getConnectString());
        CliHarness.writeEnvironments(home, """
                default: test
                environments:
                  test:
                    type: local
                    data-dir: %s
                    admin-secret: 0123456789abcdef
                    default-series: bookworm
                """.formatted(dataDir));
        client = StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5));
        state = new JujuState(new StateStore(client));
        state.environment().initialize(new EnvironmentInfo("test", "local", "bookworm"), Map.of());
        juju = new CliHarness(home).env("JUJU_REPOSITORY", REPOSITORY.toString());
    }

    /**
     * Assigns {@code unit} to a new machine whose recorded instance id is {@code instancePrefix}
     * followed by the machine's id ({@code process-test-}: a process machine; {@code juju-test-}:
     * an LXC container).
     */
    MachineId placeOnNewMachine(UnitName unit, String instancePrefix) {
        MachineId id = state.machines().add("bookworm");
        state.machines().setInstance(id, new Instance(instancePrefix + id, id, "127.0.0.1", "running"), 0);
        state.units().assign(unit, id);
        return id;
    }

    /** A failure printed as one line, {@code error: ...} with {@code message}, and exit code {@code exitCode}. */
    /** Replaces environments.yaml with one local environment {@code a} with these extra options (flow-mapping entries). */
    void environmentWith(String options) throws java.io.IOException {
        java.nio.file.Files.writeString(home.resolve("environments.yaml"), "environments:\n  a: {type: local, data-dir: "
                + dataDir + ", admin-secret: s, " + options + "}\n");
    }

    static void assertRefused(CliHarness.Result result, int exitCode, String message) {
        assertThat(result.code()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.err().lines().toList()).as(result.toString()).hasSize(1);
        assertThat(result.err()).as(result.toString()).startsWith("error: ").contains(message);
    }

    @AfterEach
    void stopServer() throws Exception {
        client.close();
        server.close();
    }
}
