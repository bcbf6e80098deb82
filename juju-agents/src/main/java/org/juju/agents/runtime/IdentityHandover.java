package org.juju.agents.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.zookeeper.KeeperException;
import org.juju.state.codec.YamlCodec;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's side of {@code juju upgrade-security}: an agent without an identity looks for its
 * hand-over node {@code /secrets/handover/NAME} every second; once it is there, it writes the
 * credential file it holds into the agent's directory, deletes the node and asks the agent to
 * restart ({@link #restartRequested()}), which it then does with its identity. An agent that has
 * an identity deletes a hand-over left for it (its machine agent may have handed it over first).
 */
public final class IdentityHandover implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityHandover.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private final AgentConnection connection;
    private final String name;
    private final Path dir;
    private final Thread thread;
    private volatile boolean restartRequested;

    private IdentityHandover(AgentConnection connection, String name, Path dir) {
        this.connection = connection;
        this.name = name;
        this.dir = dir;
        this.thread = new Thread(this::poll, "identity-handover");
        thread.setDaemon(true);
    }

    /** Starts looking for the hand-over of agent {@code name}, whose directory is {@code dir}. */
    public static IdentityHandover start(AgentConnection connection, String name, Path dir) {
        IdentityHandover handover = new IdentityHandover(connection, name, dir);
        handover.thread.start();
        return handover;
    }

    /** True once the agent took its identity and must restart to use it. */
    public boolean restartRequested() {
        return restartRequested;
    }

    private void poll() {
        String path = StatePaths.identityHandover(name);
        while (!connection.shutdown().isRequested() && !Thread.currentThread().isInterrupted()) {
            try {
                if (connection.isConnected() && connection.client().checkExists().forPath(path) != null) {
                    if (connection.identity().isPresent()) {
                        connection.client().delete().forPath(path);
                        LOG.info("deleted the hand-over of an identity this agent has already");
                        return;
                    }
                    take(path);
                    return;
                }
                if (connection.identity().isPresent() && connection.isConnected()) {
                    return;
                }
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (KeeperException.NoNodeException | KeeperException.NoAuthException e) {
                return;
            } catch (Exception e) { // Curator declares Exception
                LOG.warn("cannot check for an identity hand-over: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    private void take(String path) throws Exception {
        byte[] data = connection.client().getData().forPath(path);
        Map<String, Object> node = YamlCodec.parseMap(new String(data, StandardCharsets.UTF_8), "znode " + path);
        AgentIdentity identity = AgentIdentity.parse(String.valueOf(node.get("credential")), path);
        identity.writeTo(dir.resolve(Credential.FILE_NAME));
        connection.client().delete().forPath(path);
        LOG.info("took the identity {} (juju upgrade-security); restarting to use it", identity.credential().name());
        restartRequested = true;
        connection.shutdown().request();
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
