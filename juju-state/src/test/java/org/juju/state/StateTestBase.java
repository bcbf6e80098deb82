package org.juju.state;

import java.util.Map;
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
        return org.juju.state.testing.TreeDump.of(client);
    }
}
