package org.juju.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agent processes: the real {@code AgentMain} in child JVMs against a real ZooKeeper server. */
class AgentMainProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final AgentProcesses agents = new AgentProcesses();
    private TestingServer server;
    private CuratorFramework client;

    @AfterEach
    void cleanUp() throws Exception {
        agents.killAll();
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void startServer(int port) throws Exception {
        server = new TestingServer(port, true);
        client = CuratorFrameworkFactory.newClient(server.getConnectString(), 10_000, 5_000, new RetryOneTime(100));
        client.start();
        assertThat(client.blockUntilConnected(20, TimeUnit.SECONDS)).isTrue();
    }

    private void initializeTree() throws Exception {
        client.create().forPath(StatePaths.presence());
        client.create().forPath(StatePaths.machinesPresence());
        client.create().forPath(StatePaths.unitsPresence());
        client.create().forPath(StatePaths.initialized());
    }

    private Stat stat(String path) throws Exception {
        return client.checkExists().forPath(path);
    }

    private Process machineAgent(int id, Path dir) throws IOException {
        return agents.launch(dir.resolve("out.log"), "machine", "--id", Integer.toString(id),
                "--zookeeper", server.getConnectString(), "--dir", dir.toString());
    }

    @Test
    void machineAgentKeepsItsPresenceAndExitsCleanlyOnSigterm() throws Exception {
        startServer(-1);
        initializeTree();
        Path dir = tmp.resolve("machines/1");
        Process agent = machineAgent(1, dir);
        String presence = StatePaths.machinePresence(new org.juju.state.model.MachineId(1));

        await().atMost(WAIT).until(() -> stat(presence) != null);
        assertThat(stat(presence).getEphemeralOwner()).isNotZero();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(Files.readString(dir.resolve(AgentLogging.LOG_FILE))).contains("machine agent of machine 1 started"));

        agent.destroy();

        assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).isZero();
        assertThat(stat(presence)).as("presence removed at once, not after a session timeout").isNull();
        assertThat(Files.readString(dir.resolve(AgentLogging.LOG_FILE))).contains("machine-1 stopped");
    }

    @Test
    void unitAgentWaitsForTheTreeBeforeCreatingItsPresence() throws Exception {
        startServer(-1);
        Path dir = tmp.resolve("units/mysql-0");
        agents.launch(dir.resolve("out.log"), "unit", "--name", "mysql/0", "--zookeeper", server.getConnectString(),
                "--dir", dir.toString());
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve(AgentLogging.LOG_FILE))
                && Files.readString(dir.resolve(AgentLogging.LOG_FILE)).contains("connected to ZooKeeper"));
        assertThat(stat(StatePaths.presence())).as("no parent created before the tree is initialized").isNull();

        initializeTree();

        await().atMost(WAIT).until(() -> stat("/presence/units/mysql-0") != null);
    }

    @Test
    void agentStartedBeforeZooKeeperConnectsOnceItServes() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = tmp.resolve("machines/2");
        Process agent = agents.launch(dir.resolve("out.log"), "machine", "--id", "2", "--zookeeper",
                "127.0.0.1:" + port, "--dir", dir.toString());
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve(AgentLogging.LOG_FILE)));

        startServer(port);
        initializeTree();

        await().atMost(WAIT).until(() -> stat("/presence/machines/2") != null);
        assertThat(agent.isAlive()).isTrue();
    }

    @Test
    void aRestartedAgentClosesTheSessionItsKilledPredecessorLeft() throws Exception {
        startServer(-1);
        initializeTree();
        Path dir = tmp.resolve("machines/3");
        String presence = "/presence/machines/3";
        Process first = machineAgent(3, dir);
        await().atMost(WAIT).until(() -> stat(presence) != null);
        long firstOwner = stat(presence).getEphemeralOwner();

        first.destroyForcibly();
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        machineAgent(3, dir);

        // well within the 30 s session timeout that would otherwise keep the old node
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            Stat stat = stat(presence);
            return stat != null && stat.getEphemeralOwner() != firstOwner;
        });
    }

    @Test
    void aSpareBecomesTheAgentItIsAssigned() throws Exception {
        startServer(-1);
        initializeTree();
        Path dir = tmp.resolve("units/mysql-1");
        Process spare = agents.launchWithInput(tmp.resolve("spare.out"), SpareAgent.KIND);
        assertThat(stat("/presence/units/mysql-1")).isNull();

        try (var in = spare.getOutputStream()) {
            in.write(SpareAgent.assignment(java.util.List.of("unit", "--name", "mysql/1", "--zookeeper",
                    server.getConnectString(), "--dir", dir.toString())).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        await().atMost(WAIT).until(() -> stat("/presence/units/mysql-1") != null);
        assertThat(Files.readString(dir.resolve(AgentPidFile.FILE)).trim()).isEqualTo(Long.toString(spare.pid()));
        assertThat(AgentPidFile.liveAgent(dir).map(ProcessHandle::pid)).contains(spare.pid());
        assertThat(Files.readString(dir.resolve(AgentLogging.LOG_FILE))).contains("unit-mysql-1 starting (pid " + spare.pid() + ")");
        assertThat(dir.resolve("agent.out")).exists();
    }

    @Test
    void aSpareWhoseParentWentAwayExits() throws Exception {
        Process spare = agents.launch(tmp.resolve("spare.out"), SpareAgent.KIND);

        assertThat(spare.waitFor(20, TimeUnit.SECONDS)).as("stdin at its end").isTrue();
        assertThat(spare.exitValue()).isZero();
    }

    @Test
    void aSpareMachineStartsItsUnitSpareAheadAndBecomesTheMachineInItsAssignmentFile() throws Exception {
        startServer(-1);
        initializeTree();
        Path dir = tmp.resolve("machines/5");
        Path file = tmp.resolve("assignment");
        Process spare = agents.launch(tmp.resolve("spare.out"), SpareAgent.MACHINE_KIND, "--assignment-file",
                file.toString());
        await().atMost(WAIT).until(() -> spare.descendants().anyMatch(p -> p.info().commandLine().orElse("")
                .contains("AgentMain spare --dir")));
        assertThat(stat("/presence/machines/5")).isNull();

        org.juju.state.io.AtomicFiles.writeString(file, SpareAgent.assignment(java.util.List.of("machine", "--id", "5",
                "--zookeeper", server.getConnectString(), "--dir", dir.toString())));

        await().atMost(WAIT).until(() -> stat("/presence/machines/5") != null);
        assertThat(Files.readString(dir.resolve(AgentLogging.LOG_FILE))).contains("machine-5 starting (pid " + spare.pid() + ")");
        assertThat(spare.descendants().filter(p -> p.info().commandLine().orElse("").contains("AgentMain spare --dir")))
                .as("the unit spare started ahead is kept").hasSize(1);
    }

    @Test
    void badSpareOptionsExitWithStatusTwo() throws Exception {
        Path out = tmp.resolve("out.log");
        Process agent = agents.launch(out, SpareAgent.MACHINE_KIND);

        assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).isEqualTo(2);
        assertThat(Files.readString(out)).contains("agent: spare-machine needs --assignment-file FILE");
    }

    @Test
    void badArgumentsExitWithStatusTwo() throws Exception {
        Path out = tmp.resolve("out.log");
        Process agent = agents.launch(out, "machine", "--id", "x", "--zookeeper", "h:1", "--dir", tmp.toString());

        assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).isEqualTo(2);
        assertThat(Files.readString(out)).contains("agent: invalid machine id 'x'").contains("usage: AgentMain");
    }

    @Test
    void sigtermWhileWaitingForZooKeeperExitsCleanly() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = tmp.resolve("provisioning");
        Process agent = agents.launch(dir.resolve("out.log"), "provisioning", "--zookeeper", "127.0.0.1:" + port,
                "--dir", dir.toString());
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve(AgentLogging.LOG_FILE))
                && Files.readString(dir.resolve(AgentLogging.LOG_FILE)).contains("provisioning starting"));

        agent.destroy();

        assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).isZero();
    }
}
