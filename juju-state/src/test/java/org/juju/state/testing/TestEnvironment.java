package org.juju.state.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.juju.state.CharmRecord;
import org.juju.state.Deploy;
import org.juju.state.EnvironmentInfo;
import org.juju.state.JujuState;
import org.juju.state.charm.CharmMetadata;
import org.juju.state.charm.CharmUrl;
import org.juju.state.charm.ConfigSchema;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;

/**
 * A real ZooKeeper server (Curator's {@code TestingServer}) with a connected client and an
 * initialized tree of environment {@code test} (local provider, bookworm), for tests of the code
 * that reads and writes the tree: start one per test, close it after.
 */
public final class TestEnvironment implements AutoCloseable {
    private final TestingServer server;
    private final CuratorFramework client;
    private final JujuState state;

    private TestEnvironment(TestingServer server) {
        this.server = server;
        this.client = StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5));
        this.state = new JujuState(new StateStore(client));
        state.environment().initialize(new EnvironmentInfo("test", "local", "bookworm"), Map.of());
    }

    /** Starts a server and initializes its tree. */
    public static TestEnvironment start() throws Exception {
        return new TestEnvironment(new TestingServer(true));
    }

    public TestingServer server() {
        return server;
    }

    public String connectString() {
        return server.getConnectString();
    }

    public CuratorFramework client() {
        return client;
    }

    public JujuState state() {
        return state;
    }

    /** The record of a charm {@code local:bookworm/NAME-1} with no relations and no options. */
    public static CharmRecord charm(String name) {
        CharmMetadata metadata = CharmMetadata.parse("name: " + name + "\nsummary: s\ndescription: d\n", "metadata.yaml").value();
        return new CharmRecord(CharmUrl.parse("local:bookworm/" + name + "-1", null), "sha", 1, "file:///x", metadata,
                ConfigSchema.EMPTY);
    }

    /** Deploys {@code units} units of service {@code name} running {@link #charm charm(name)}. */
    public List<UnitName> deploy(String name, int units) {
        return state.services().deploy(new Deploy(ServiceName.of(name), charm(name), Map.of(), units, "test"));
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.close();
    }
}
