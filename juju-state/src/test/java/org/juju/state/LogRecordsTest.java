package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.Op;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AclSource;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The debug-log records' JSON form, as the client reads it back, and their trimming, on a real ZooKeeper. */
class LogRecordsTest {
    private TestingServer server;
    private CuratorFramework client;
    private StateStore store;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        client = StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5));
        client.create().forPath(StatePaths.logs());
        store = new StateStore(client, AclSource.open());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void aRecordReadsBackAsOneLineWithItsFields() throws Exception {
        byte[] record = LogRecords.encode(Instant.parse("2026-11-27T20:23:39Z"), "unit:mysql/0", "ERROR",
                "install: \"quoted\" \\ back\tslash\nsecond line \u0001");
        String path = append(List.of(record)).get(0);

        assertThat(store.read(path).orElseThrow().data())
                .containsEntry("time", "2026-11-27T20:23:39.000Z")
                .containsEntry("context", "unit:mysql/0")
                .containsEntry("level", "ERROR")
                .containsEntry("message", "install: \"quoted\" \\ back\tslash second line \u0001");
    }

    @Test
    void trimmingKeepsTheNewestRecords() throws Exception {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            records.add(LogRecords.encode(Instant.now(), "machine:1", "INFO", "record " + i));
        }
        List<String> paths = append(records);

        assertThat(LogRecords.trim(client, 30)).isEqualTo(220);
        assertThat(store.children(StatePaths.logs())).hasSize(30);
        assertThat(store.read(paths.get(220)).orElseThrow().string("message")).isEqualTo("record 220");
        assertThat(store.read(paths.get(219))).isEmpty();
        assertThat(LogRecords.trim(client, 30)).isZero();
    }

    private List<String> append(List<byte[]> records) throws Exception {
        List<Op> ops = records.stream().map(record -> LogRecords.append(record, LogRecords.acl(Optional.empty()))).toList();
        return client.getZookeeperClient().getZooKeeper().multi(ops).stream()
                .map(result -> ((org.apache.zookeeper.OpResult.CreateResult) result).getPath()).toList();
    }
}
