package org.juju.agents.runtime;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's presence node: an empty EPHEMERAL znode that exists while the agent is connected. It
 * is recreated whenever it disappears, in particular after the session was lost and a new one
 * opened; {@link #close()} deletes it at once, so a stopped agent is seen gone without waiting for
 * a session timeout. Parents are never created: the node's parent ({@code /presence/machines} or
 * {@code /presence/units}) exists once the state tree is initialized, which is why
 * {@link #start} waits for {@code /initialized} first.
 */
public final class Presence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Presence.class);
    private static final long FIRST_CREATE_WAIT_SECONDS = 10;

    private final String path;
    private final PersistentNode node;

    private Presence(AgentConnection connection, String path) {
        this.path = path;
        this.node = new PersistentNode(connection.client(), CreateMode.EPHEMERAL, false, path, new byte[0], false);
    }

    /**
     * Waits until the state tree is initialized (for as long as it takes) and then keeps the presence
     * node at {@code path}; waits up to 10 s for its first creation (it keeps trying after that).
     *
     * @return the presence, or empty if a stop was requested (or the thread interrupted) first
     */
    public static Optional<Presence> start(AgentContext context, String path) {
        Objects.requireNonNull(path, "path");
        if (!context.awaitInitialized()) {
            return Optional.empty();
        }
        Presence presence = new Presence(context.connection(), path);
        presence.node.start();
        try {
            if (presence.node.waitForInitialCreate(FIRST_CREATE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.info("presence node {} created", path);
            } else {
                LOG.warn("presence node {} not created within {} s; still trying", path, FIRST_CREATE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.of(presence);
    }

    /** The node's path. */
    public String path() {
        return path;
    }

    /**
     * Stops keeping the node and deletes it where this identity may; in an environment with
     * identities it may not (DELETE is the parent's, see {@code AclPolicy}), and the node goes when
     * the agent's session closes, right after.
     */
    @Override
    public void close() {
        try {
            node.close();
            LOG.info("presence node {} removed", path);
        } catch (IOException e) {
            if (e.getCause() instanceof org.apache.zookeeper.KeeperException.NoAuthException) {
                LOG.debug("presence node {} goes with the session: this identity may not delete it", path);
            } else {
                LOG.warn("cannot remove presence node {}: {}", path, e.toString());
            }
        }
    }
}
