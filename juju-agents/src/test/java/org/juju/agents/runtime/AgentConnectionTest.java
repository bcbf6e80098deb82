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
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection and presence of an agent, in this JVM, against a real ZooKeeper server. */
class AgentConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PRESENCE = "/presence/machines/7";

    @TempDir
    Path dir;

    private TestingServer server;
    private CuratorFramework observer;
    private final Shutdown shutdown = new Shutdown();
    private AgentConnection connection;

    @BeforeEach
    void startServer() throws Exception {
        server = new TestingServer(true);
        observer = CuratorFrameworkFactory.newClient(server.getConnectString(), 10_000, 5_000, new RetryOneTime(100));
        observer.start();
        assertThat(observer.blockUntilConnected(20, TimeUnit.SECONDS)).isTrue();
        connection = AgentConnection.open(server.getConnectString(), dir, shutdown);
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        observer.close();
        server.close();
    }

    private AgentContext context() {
        return new AgentContext("machine-7", server.getConnectString(), dir, connection, shutdown);
    }

    private void initializeTree() throws Exception {
        observer.create().creatingParentsIfNeeded().forPath("/presence/machines");
        observer.create().forPath("/initialized");
    }

    private Stat presence() throws Exception {
        return observer.checkExists().forPath(PRESENCE);
    }

    @Test
    void presenceComesBackInANewSessionAfterTheOldOneExpired() throws Exception {
        initializeTree();
        assertThat(connection.awaitConnected()).isTrue();
        try (Presence kept = Presence.start(context(), PRESENCE).orElseThrow()) {
            assertThat(kept.path()).isEqualTo(PRESENCE);
            long firstSession = presence().getEphemeralOwner();
            ZooKeeper zooKeeper = connection.client().getZookeeperClient().getZooKeeper();

            new StoredSession(zooKeeper.getSessionId(), zooKeeper.getSessionPasswd())
                    .close(server.getConnectString(), Duration.ofSeconds(10));

            await().atMost(WAIT).until(() -> {
                Stat stat = presence();
                return stat != null && stat.getEphemeralOwner() != firstSession;
            });
            assertThat(connection.isConnected()).isTrue();
        }
        assertThat(presence()).as("closing deletes the node").isNull();
    }

    @Test
    void connectionStateFollowsTheServer() throws Exception {
        assertThat(connection.awaitConnected()).isTrue();

        server.stop();
        await().atMost(WAIT).until(() -> !connection.isConnected());

        server.restart();
        await().atMost(WAIT).until(connection::isConnected);
        assertThat(connection.awaitConnected()).isTrue();
    }

    @Test
    void waitsEndWhenAStopIsRequested() throws Exception {
        assertThat(connection.awaitConnected()).isTrue();

        shutdown.request();

        assertThat(context().awaitInitialized()).isFalse();
        assertThat(Presence.start(context(), PRESENCE)).isEqualTo(Optional.empty());
        assertThat(observer.checkExists().forPath("/presence")).isNull();
    }

    @Test
    void theSessionIsRecordedPrivatelyAndForgottenOnClose() throws Exception {
        assertThat(connection.awaitConnected()).isTrue();
        long session = connection.client().getZookeeperClient().getZooKeeper().getSessionId();

        assertThat(StoredSession.read(dir).map(StoredSession::id)).contains(session);
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve(StoredSession.FILE)))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        connection.close();

        assertThat(StoredSession.read(dir)).isEmpty();
    }
}
