package org.juju.state;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real ZooKeeper server per test class; each test gets a fresh, initialized environment in its
 * own chroot, so tests never see each other's nodes.
 */
abstract class StateTestBase {
    private static final AtomicInteger CHROOTS = new AtomicInteger();
    static TestingServer server;
    CuratorFramework client;
    JujuState state;

    @BeforeAll
    static void startServer() throws Exception {
        server = new TestingServer(true);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void initializeEnvironment() throws Exception {
        String chroot = "/test-" + CHROOTS.incrementAndGet();
        try (CuratorFramework root = StateConnection.connect(server.getConnectString(), java.time.Duration.ofSeconds(5))) {
            root.create().forPath(chroot);
        }
        client = StateConnection.connect(server.getConnectString() + chroot, java.time.Duration.ofSeconds(5));
        state = new JujuState(new StateStore(client));
        state.environment().initialize(new EnvironmentInfo("test", "local", "bookworm"), Map.of("admin-secret", "s3cret"));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    /** Every node of the tree with its data and version: equal dumps mean nothing changed. */
    Map<String, String> dump() throws Exception {
        Map<String, String> nodes = new TreeMap<>();
        dump("/", nodes);
        return nodes;
    }

    private void dump(String path, Map<String, String> nodes) throws Exception {
        org.apache.zookeeper.data.Stat stat = new org.apache.zookeeper.data.Stat();
        byte[] data = client.getData().storingStatIn(stat).forPath(path);
        nodes.put(path, "v" + stat.getVersion() + " " + (data == null ? "" : new String(data, StandardCharsets.UTF_8)));
        for (String child : client.getChildren().forPath(path)) {
            dump(path.equals("/") ? "/" + child : path + "/" + child, nodes);
        }
    }
}
