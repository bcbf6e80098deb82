package org.juju.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
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
    void theWaitForTheTreeEndsWhenItsMarkerIsCreatedUnreadableToTheAgent() throws Exception {
        assertThat(connection.awaitConnected()).isTrue();
        java.util.concurrent.CompletableFuture<Boolean> initialized =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> context().awaitInitialized());
        await().atMost(WAIT).until(() -> existWatches().contains("/initialized"));

        // ZooKeeper sends no watch event about a node the watcher may not read.
        observer.create().withACL(List.of(new ACL(ZooDefs.Perms.ALL, new Id("digest",
                DigestAuthenticationProvider.generateDigest("admin:s3cret"))))).forPath("/initialized");

        assertThat(initialized.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    /** The paths the agent's ZooKeeper client holds an exists watch on. */
    @SuppressWarnings("unchecked")
    private List<String> existWatches() throws Exception {
        java.lang.reflect.Method watches = ZooKeeper.class.getDeclaredMethod("getExistWatches");
        watches.setAccessible(true);
        return (List<String>) watches.invoke(connection.client().getZookeeperClient().getZooKeeper());
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
