package org.juju.agents.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.juju.state.store.StateConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counters read from a plain in-process ZooKeeperServer. A class of its own: a second server
 * stopping in the JVM removes the other server's gauges from the shared metrics provider.
 */
class ZooKeeperCountersInProcessTest {

    @Test
    void inProcessServerGivesTheSameFiguresAsMntr(@TempDir Path data) throws Exception {
        ZooKeeperServer zooKeeper = new ZooKeeperServer(data.toFile(), data.toFile(), 2000);
        ServerCnxnFactory factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 100);
        factory.startup(zooKeeper);
        try (CuratorFramework client = StateConnection.connect("127.0.0.1:" + factory.getLocalPort(), Duration.ofSeconds(5))) {
            ZooKeeperCounters.Delta delta = ZooKeeperCountersTest.measurePhase(client, "/in-process-phase",
                    () -> ZooKeeperCounters.of(zooKeeper));
            ZooKeeperCountersTest.assertPhaseCounted(delta);
            ZooKeeperCounters.Snapshot snapshot = ZooKeeperCounters.of(zooKeeper);
            assertThat(snapshot.znodeCount()).isEqualTo(zooKeeper.getZKDatabase().getDataTree().getNodeCount());
            assertThat(snapshot.watchCount()).isGreaterThanOrEqualTo(10);
            assertThat(snapshot.perNamespace()).containsKey("in-process-phase");
            assertThat(snapshot.perNamespace().get("in-process-phase")).containsEntry("writes", 111L);
        } finally {
            factory.shutdown();
            zooKeeper.shutdown();
        }
    }
}
