package org.juju.agents.runtime;

import java.nio.file.Path;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;

/**
 * What an agent is given to run: who it is, where ZooKeeper is, its own directory, its connection
 * and its stop request.
 *
 * @param identity   {@code provisioning}, {@code machine-N} or {@code unit-SERVICE-N}
 * @param zooKeeper  the ZooKeeper connect string
 * @param dir        the agent's own directory (its log, its session, its working files)
 * @param connection the agent's ZooKeeper connection
 * @param shutdown   the agent's stop request; {@code run()} returns once it is requested
 */
public record AgentContext(String identity, String zooKeeper, Path dir, AgentConnection connection,
                           Shutdown shutdown) {
    private static final String MACHINE_PREFIX = "machine-";
    private static final String UNIT_PREFIX = "unit-";

    public AgentContext {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(zooKeeper, "zooKeeper");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(shutdown, "shutdown");
    }

    /** The agent's Curator client (see {@link AgentConnection} for its retry and state handling). */
    public CuratorFramework client() {
        return connection.client();
    }

    /**
     * The machine of a machine agent (identity {@code machine-N}).
     *
     * @throws IllegalStateException if this is not a machine agent
     */
    public MachineId machineId() {
        if (!identity.startsWith(MACHINE_PREFIX)) {
            throw new IllegalStateException(identity + " is not a machine agent");
        }
        return MachineId.parse(identity.substring(MACHINE_PREFIX.length()));
    }

    /**
     * The unit of a unit agent (identity {@code unit-SERVICE-N}).
     *
     * @throws IllegalStateException if this is not a unit agent
     */
    public UnitName unitName() {
        if (!identity.startsWith(UNIT_PREFIX)) {
            throw new IllegalStateException(identity + " is not a unit agent");
        }
        return UnitName.fromKey(identity.substring(UNIT_PREFIX.length()));
    }

    /**
     * Blocks until the state tree is initialized ({@code /initialized} exists), for as long as it
     * takes.
     *
     * @return true once it is; false if a stop was requested first or the thread was interrupted
     */
    public boolean awaitInitialized() {
        return NodeWait.await(connection, StatePaths.initialized());
    }
}
