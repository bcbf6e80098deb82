package org.juju.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.apache.zookeeper.server.command.FourLetterCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent's connection to a three-server ensemble (in this JVM) when the leader dies: the
 * survivors elect another, the agent's session moves to one of them and outlives the move, so its
 * presence node stays where it was and its writes go on.
 */
class AgentConnectionEnsembleTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PRESENCE = "/presence/machines/7";
    private static final String WHITELIST = "zookeeper.4lw.commands.whitelist";

    @TempDir
    Path dir;

    private TestingCluster cluster;
    private CuratorFramework observer;
    private final Shutdown shutdown = new Shutdown();
    private AgentConnection connection;

    @BeforeEach
    void startEnsemble() throws Exception {
        System.setProperty(WHITELIST, "srvr"); // to ask each server whether it leads
        FourLetterCommands.resetWhiteList();
        cluster = new TestingCluster(3);
        cluster.start();
        observer = CuratorFrameworkFactory.newClient(cluster.getConnectString(), 20_000, 5_000, new RetryOneTime(100));
        observer.start();
        assertThat(observer.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
        observer.create().creatingParentsIfNeeded().forPath("/presence/machines");
        observer.create().forPath("/initialized");
        connection = AgentConnection.open(cluster.getConnectString(), dir, shutdown);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            connection.close();
            observer.close();
            cluster.close();
        } finally {
            System.clearProperty(WHITELIST);
            FourLetterCommands.resetWhiteList();
        }
    }

    @Test
    void anAgentKeepsItsSessionPresenceAndWritesWhenTheLeaderDies() throws Exception {
        assertThat(connection.awaitConnected()).isTrue();
        AgentContext context = new AgentContext("machine-7", cluster.getConnectString(), dir, connection, shutdown);
        try (Presence presence = Presence.start(context, PRESENCE).orElseThrow()) {
            long session = connection.client().getZookeeperClient().getZooKeeper().getSessionId();
            assertThat(observer.checkExists().forPath(PRESENCE).getEphemeralOwner()).isEqualTo(session);
            InstanceSpec leader = await().atMost(WAIT).until(this::leader, Optional::isPresent).orElseThrow();

            assertThat(cluster.killServer(leader)).isTrue();

            await().atMost(WAIT).until(() -> leader().filter(l -> !l.equals(leader)).isPresent());
            await().atMost(WAIT).ignoreExceptions().until(() -> connection.isConnected()
                    && connection.client().create().withMode(CreateMode.EPHEMERAL).forPath("/after") != null);
            assertThat(connection.client().getZookeeperClient().getZooKeeper().getSessionId())
                    .as("the same session").isEqualTo(session);
            assertThat(observer.checkExists().forPath(PRESENCE).getEphemeralOwner())
                    .as("the presence node never went away").isEqualTo(session);
        }
    }

    /** The server that says {@code Mode: leader}, if one does. */
    private Optional<InstanceSpec> leader() {
        return cluster.getInstances().stream().filter(spec -> {
            try {
                return FourLetterWordMain.send4LetterWord(spec.getHostname(), spec.getPort(), "srvr", false, 1000)
                        .contains("Mode: leader");
            } catch (Exception e) { // a dead server, or one not serving yet
                return false;
            }
        }).findFirst();
    }
}
