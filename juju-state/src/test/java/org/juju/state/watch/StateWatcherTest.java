package org.juju.state.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.juju.state.store.StateConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StateWatcherTest {
    private TestingServer server;
    private CuratorFramework client;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        client = StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5));
        client.create().forPath("/watched", "a: 1".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void deliversTheLatestSnapshotAfterChanges() throws Exception {
        AtomicReference<TreeSnapshot> last = new AtomicReference<>();
        try (StateWatcher watcher = StateWatcher.start(client, "/watched", last::set)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> last.get() != null);
            assertThat(last.get().node("/watched").orElseThrow().data()).containsEntry("a", 1);

            for (int i = 0; i < 20; i++) {
                client.setData().forPath("/watched", ("a: " + i).getBytes(StandardCharsets.UTF_8));
            }
            client.create().forPath("/watched/child", "b: x".getBytes(StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(last.get().node("/watched").orElseThrow().data()).containsEntry("a", 19);
                assertThat(last.get().children("/watched")).containsExactly("child");
            });
        }
    }

    @Test
    void aNodeWatcherSeesTheNodeAloneAndIgnoresItsChildren() throws Exception {
        java.util.List<TreeSnapshot> deliveries = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (StateWatcher watcher = StateWatcher.startNode(client, "/watched", deliveries::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !deliveries.isEmpty());

            client.create().forPath("/watched/child", "b: x".getBytes(StandardCharsets.UTF_8));
            client.setData().forPath("/watched/child", "b: y".getBytes(StandardCharsets.UTF_8));
            client.setData().forPath("/watched", "a: 2".getBytes(StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(deliveries.get(deliveries.size() - 1).node("/watched").orElseThrow().data()).containsEntry("a", 2));
            assertThat(deliveries).allSatisfy(snapshot -> assertThat(snapshot.nodes()).containsOnlyKeys("/watched"));
            assertThat(deliveries.stream().map(snapshot -> snapshot.node("/watched").orElseThrow().version()))
                    .as("no delivery for a change below the node").doesNotHaveDuplicates();
        }
    }

    @Test
    void coalescesBurstsIntoFewerDeliveries() throws Exception {
        AtomicInteger deliveries = new AtomicInteger();
        AtomicReference<TreeSnapshot> last = new AtomicReference<>();
        try (StateWatcher watcher = StateWatcher.start(client, "/watched", snapshot -> {
            deliveries.incrementAndGet();
            last.set(snapshot);
        })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> last.get() != null);
            int writes = 200;
            for (int i = 0; i < writes; i++) {
                client.setData().inBackground().forPath("/watched", ("a: " + i).getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(last.get().node("/watched").orElseThrow().data()).containsEntry("a", writes - 1));
            assertThat(deliveries.get()).isLessThanOrEqualTo(writes);
        }
    }

    @Test
    void keepsDeliveringAfterTheServerRestarts() throws Exception {
        AtomicReference<TreeSnapshot> last = new AtomicReference<>();
        try (StateWatcher watcher = StateWatcher.start(client, "/watched", last::set)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> last.get() != null);

            server.restart();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.getZookeeperClient().isConnected());
            client.setData().forPath("/watched", "a: restarted".getBytes(StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(last.get().node("/watched").orElseThrow().data()).containsEntry("a", "restarted"));
        }
    }

    @Test
    void unreadableDataIsDeliveredEmptyNotFatal() throws Exception {
        AtomicReference<TreeSnapshot> last = new AtomicReference<>();
        client.create().forPath("/watched/garbage", new byte[] {0, (byte) 0xff, '{', '['});
        try (StateWatcher watcher = StateWatcher.start(client, "/watched", last::set)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> last.get() != null);
            assertThat(last.get().node("/watched/garbage").orElseThrow().data()).isEmpty();
        }
    }
}
