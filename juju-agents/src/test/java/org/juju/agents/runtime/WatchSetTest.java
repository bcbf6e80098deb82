package org.juju.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.juju.state.store.StateConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WatchSetTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private TestingServer server;
    private CuratorFramework client;
    private final AtomicInteger signals = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        client = StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5));
        for (String path : new String[] {"/a", "/a/x", "/b", "/c", "/node", "/node/child"}) {
            client.create().forPath(path, "v: 0".getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private void write(String path, int value) throws Exception {
        client.setData().forPath(path, ("v: " + value).getBytes(StandardCharsets.UTF_8));
    }

    /** Waits for the signals of loading to settle, then returns their count. */
    private int settled() {
        await().atMost(WAIT).pollDelay(Duration.ofMillis(200)).until(() -> {
            int before = signals.get();
            Thread.sleep(200);
            return signals.get() == before;
        });
        return signals.get();
    }

    @Test
    void awaitSetReturnsOnceEveryWatchIsSetAndAChangeAfterItSignals() throws Exception {
        try (WatchSet watches = new WatchSet(client, signals::incrementAndGet)) {
            watches.node("/node").tree("/a");
            watches.follow(Set.of("/b"));

            assertThat(watches.awaitSet(WAIT)).isTrue();

            assertThat(signals.get()).as("each watch signalled its setting").isEqualTo(3);
            write("/node", 1);
            await().atMost(WAIT).until(() -> signals.get() == 4);
        }
    }

    @Test
    void awaitSetGivesUpWhenTheWatchesCannotBeSet() throws Exception {
        server.stop();
        try (WatchSet watches = new WatchSet(client, signals::incrementAndGet)) {
            watches.node("/node");

            assertThat(watches.awaitSet(Duration.ofMillis(300))).isFalse();
            assertThat(signals.get()).isZero();
        }
    }

    @Test
    void followedSubtreesSignalUntilTheyAreNoLongerFollowed() throws Exception {
        try (WatchSet watches = new WatchSet(client, signals::incrementAndGet)) {
            watches.follow(Set.of("/a", "/b"));
            int loaded = settled();
            assertThat(loaded).as("each new watch signals once loaded").isGreaterThanOrEqualTo(1);

            write("/a/x", 1);
            await().atMost(WAIT).until(() -> signals.get() > loaded);

            watches.follow(Set.of("/b", "/c"));
            assertThat(watches.followed()).containsExactlyInAnyOrder("/b", "/c");
            int afterSwitch = settled();
            write("/a/x", 2);
            write("/c", 1);
            await().atMost(WAIT).until(() -> signals.get() > afterSwitch);
            int now = settled();
            assertThat(now - afterSwitch).as("only /c's change signals; /a is no longer followed").isEqualTo(1);
        }
    }

    @Test
    void aWatchedNodeIgnoresChangesBelowIt() throws Exception {
        try (WatchSet watches = new WatchSet(client, signals::incrementAndGet)) {
            watches.node("/node");
            int loaded = settled();

            write("/node/child", 1);
            write("/node", 1);
            await().atMost(WAIT).until(() -> signals.get() > loaded);
            assertThat(settled() - loaded).isEqualTo(1);
        }
    }

    @Test
    void changesAtIgnoredPathsWakeNothing() throws Exception {
        try (WatchSet watches = new WatchSet(client, path -> path.equals("/a/x"), signals::incrementAndGet)) {
            watches.tree("/a");
            int loaded = settled();

            write("/a/x", 1);
            client.create().forPath("/a/y");
            await().atMost(WAIT).until(() -> signals.get() > loaded);
            assertThat(settled() - loaded).as("the creation of /a/y alone").isEqualTo(1);
        }
    }

    @Test
    void nothingSignalsAfterClose() throws Exception {
        WatchSet watches = new WatchSet(client, signals::incrementAndGet).tree("/a");
        watches.follow(Set.of("/b"));
        int loaded = settled();

        watches.close();
        watches.follow(Set.of("/c"));
        write("/a/x", 3);
        write("/b", 3);
        write("/c", 3);

        assertThat(settled()).isEqualTo(loaded);
        assertThat(watches.followed()).isEmpty();
    }
}
