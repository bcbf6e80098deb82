package org.juju.agents.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.server.command.FourLetterCommands;
import org.juju.state.error.StateUnavailableException;
import org.juju.state.store.StateConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Counters read with mntr from a TestingServer; the in-process variant is {@link ZooKeeperCountersInProcessTest}. */
class ZooKeeperCountersTest extends ZooKeeperTestBase {
    private static final String WHITELIST = "zookeeper.4lw.commands.whitelist";

    @BeforeAll
    static void allowMntr() {
        System.setProperty(WHITELIST, "mntr,srvr");
        FourLetterCommands.resetWhiteList();
    }

    @AfterAll
    static void restoreWhitelist() {
        System.clearProperty(WHITELIST);
        FourLetterCommands.resetWhiteList();
    }

    @Test
    void mntrCountsThePhasesWritesReadsAndWatches() throws Exception {
        try (CuratorFramework client = StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5))) {
            ZooKeeperCounters.Delta delta = measurePhase(client, "/mntr-phase", () -> ZooKeeperCounters.mntr(server.getConnectString()));
            assertPhaseCounted(delta);
        }
    }

    @Test
    void mntrParsesTheServersOutput() throws Exception {
        ZooKeeperCounters.Snapshot snapshot = ZooKeeperCounters.mntr(server.getConnectString() + "/some/chroot");
        assertThat(snapshot.values()).containsKeys("version", "znode_count", "watch_count", "packets_received",
                "cnt_updatelatency", "cnt_readlatency", "approximate_data_size");
        assertThat(snapshot.znodeCount()).isPositive();
        assertThat(snapshot.get("no_such_figure")).isZero();
    }

    @Test
    void refusedMntrIsAClearError() throws Exception {
        System.setProperty(WHITELIST, "srvr");
        FourLetterCommands.resetWhiteList();
        try {
            assertThatThrownBy(() -> ZooKeeperCounters.mntr(server.getConnectString()))
                    .isInstanceOf(StateUnavailableException.class)
                    .hasMessageStartingWith("mntr refused by 127.0.0.1:" + server.getPort());
        } finally {
            System.setProperty(WHITELIST, "mntr,srvr");
            FourLetterCommands.resetWhiteList();
        }
    }

    /** A phase of 1 create + 10 children, 100 setData, 50 getData and 10 watched getData. */
    static ZooKeeperCounters.Delta measurePhase(CuratorFramework client, String namespace,
                                                        Supplier<ZooKeeperCounters.Snapshot> snapshot) throws Exception {
        ZooKeeperCounters.Snapshot before = snapshot.get();
        client.create().forPath(namespace, new byte[10]);
        for (int i = 0; i < 10; i++) {
            client.create().forPath(namespace + "/n" + i, new byte[100]);
        }
        for (int i = 0; i < 100; i++) {
            client.setData().forPath(namespace, new byte[200]);
        }
        for (int i = 0; i < 50; i++) {
            client.getData().forPath(namespace);
        }
        for (int i = 0; i < 10; i++) {
            client.getData().usingWatcher((org.apache.zookeeper.Watcher) event -> { }).forPath(namespace + "/n" + i);
        }
        return ZooKeeperCounters.delta(before, snapshot.get());
    }

    static void assertPhaseCounted(ZooKeeperCounters.Delta delta) {
        assertThat(delta.writes()).isGreaterThanOrEqualTo(111);
        assertThat(delta.writeBytes()).isGreaterThanOrEqualTo(100 * 200 + 10 * 100);
        assertThat(delta.transactions()).isGreaterThanOrEqualTo(111);
        assertThat(delta.reads()).isGreaterThanOrEqualTo(60);
        assertThat(delta.requestsWithoutTransaction()).isGreaterThanOrEqualTo(60);
        assertThat(delta.watchesSet()).isGreaterThanOrEqualTo(10);
        assertThat(delta.znodesAdded()).isEqualTo(11);
        assertThat(delta.dataBytesAdded()).isGreaterThanOrEqualTo(200 + 10 * 100);
        assertThat(delta.packetsReceived()).isGreaterThanOrEqualTo(171);
    }
}
