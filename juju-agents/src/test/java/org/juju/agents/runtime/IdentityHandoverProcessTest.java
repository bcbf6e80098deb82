package org.juju.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.juju.state.EnvironmentInfo;
import org.juju.state.IdentityUpgrade;
import org.juju.state.JujuState;
import org.juju.state.model.MachineId;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AclSource;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's side of {@code juju upgrade-security}, with a real agent process: an agent of an
 * environment without identities takes its hand-over, writes its credential file and exits to be
 * restarted, and then authenticates with it.
 */
class IdentityHandoverProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "s3cret";

    @TempDir
    Path tmp;

    private final AgentProcesses agents = new AgentProcesses();
    private TestingServer server;
    private CuratorFramework admin;

    @AfterEach
    void cleanUp() throws Exception {
        agents.killAll();
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anAgentWithoutIdentityTakesItsHandOverAndRestartsWithIt() throws Exception {
        server = new TestingServer(true);
        admin = StateConnection.connect(server.getConnectString(), Identities.admin(SECRET), AclSource.policy(),
                Duration.ofSeconds(10));
        JujuState state = new JujuState(new StateStore(admin, AclSource.policy()));
        state.environment().initialize(new EnvironmentInfo("old", "local", "bookworm"), Map.of("type", "local"));
        MachineId machine = state.machines().add("bookworm");
        Path dir = tmp.resolve("machines/" + machine);
        Process agent = launch(dir, machine);
        await().atMost(WAIT).until(() -> admin.checkExists().forPath(StatePaths.machinePresence(machine)) != null);

        new IdentityUpgrade(state.store()).begin(SECRET);

        assertThat(agent.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).as("asks its supervisor for a restart").isEqualTo(75);
        Path file = dir.resolve(Credential.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(AgentIdentity.readFrom(file).orElseThrow().credential())
                .isEqualTo(state.machines().credential(machine).orElseThrow());
        assertThat(new IdentityUpgrade(state.store()).waiting()).doesNotContain(Identities.machine(machine));

        launch(dir, machine);
        await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(dir.resolve(AgentLogging.LOG_FILE)))
                .contains("authenticating as machine-" + machine));
    }

    private Process launch(Path dir, MachineId machine) throws java.io.IOException {
        return agents.launch(dir.resolve("out.log"), "machine", "--id", machine.toString(), "--zookeeper",
                server.getConnectString(), "--dir", dir.toString());
    }
}
