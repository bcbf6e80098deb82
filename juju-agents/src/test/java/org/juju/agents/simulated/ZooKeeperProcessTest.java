package org.juju.agents.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.CreateMode;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.ProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ZooKeeper server in a JVM of its own: serves, counts, ends with its handle. */
class ZooKeeperProcessTest {
    @TempDir
    Path dir;

    @Test
    void servesCountsItsConnectionsAndRequestsAndEndsWhenClosed() throws Exception {
        ProcessHandle child;
        try (ZooKeeperProcess server = ZooKeeperProcess.start(dir.resolve("zookeeper"))) {
            child = ProcessHandle.of(server.pid()).orElseThrow();
            assertThat(child.isAlive()).isTrue();
            assertThat(server.connectString()).startsWith("127.0.0.1:");
            assertThat(server.connections()).isZero();
            long writesBefore = server.counters().namespaceWrites();
            long nodesBefore = server.counters().znodeCount();

            try (CuratorFramework client = CuratorFrameworkFactory.newClient(server.connectString(), new RetryOneTime(100))) {
                client.start();
                client.blockUntilConnected();
                client.create().withMode(CreateMode.PERSISTENT).forPath("/probe", "x".getBytes());

                assertThat(server.connections()).isEqualTo(1);
                assertThat(server.counters().namespaceWrites()).isEqualTo(writesBefore + 1);
                assertThat(server.counters().znodeCount()).isEqualTo(nodesBefore + 1);
            }
            assertThat(server.residentBytes().orElseThrow()).as("the process's own memory").isGreaterThan(1 << 20);
            assertThat(Files.readString(dir.resolve("zookeeper").resolve("agent.log"))).doesNotContain("ERROR");
        }
        assertThat(child.isAlive()).as("closing ends the server's process").isFalse();
    }

    @Test
    void aDirectoryThatCannotBeMadeIsAClearProviderError() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> ZooKeeperProcess.start(file.resolve("zookeeper")))
                .isInstanceOf(ProviderException.class).hasMessageStartingWith("cannot start a ZooKeeper process in ");
    }

    @Test
    void theModeIsNamedInTheConfiguration() {
        assertThat(SimulatedZooKeeper.Mode.of("process")).isEqualTo(SimulatedZooKeeper.Mode.PROCESS);
        assertThat(SimulatedZooKeeper.Mode.of("in-process")).isEqualTo(SimulatedZooKeeper.Mode.IN_PROCESS);
        assertThatThrownBy(() -> SimulatedZooKeeper.Mode.of("remote")).isInstanceOf(InvalidInputException.class)
                .hasMessage("zookeeper must be in-process or process, not: remote");
    }

    @Test
    void aSimulatedEnvironmentRunsWithItsServerInAProcessOfItsOwn() {
        try (SimulatedEnvironment env = SimulatedEnvironment.start(dir.resolve("env"), "simulated",
                org.juju.state.PlacementPolicy.DEFAULT, Optional.empty(), SimulatedZooKeeper.Mode.PROCESS)) {
            assertThat(env.zooKeeper()).isInstanceOf(ZooKeeperProcess.class);
            assertThat(env.state().machines().ids()).containsExactly(org.juju.state.model.MachineId.BOOTSTRAP);
            // The admin, the provisioning agent and machine 0's agent, each with its own session.
            await().atMost(Duration.ofSeconds(30)).until(() -> env.zooKeeper().connections() == 3);
        }
    }
}
