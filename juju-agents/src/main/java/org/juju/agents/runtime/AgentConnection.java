package org.juju.agents.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.ZooKeeper;
import org.juju.state.security.AclSource;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.juju.state.security.CuratorAcls;
import org.juju.state.security.Identities;
import org.juju.state.store.StateConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's ZooKeeper client. Agents may start before ZooKeeper and outlive its restarts, so the
 * client retries for ever (exponential backoff up to 30 s) and {@link #awaitConnected()} waits
 * without a time limit, logging every 10 s, until connected or a stop is requested.
 *
 * <p>The connection state is tracked: SUSPENDED (the connection dropped; the session may still
 * live), RECONNECTED and LOST (the session expired; Curator opens a new one). While not connected
 * {@link #isConnected()} is false, and agents pause their side effects by calling
 * {@link #awaitConnected()} before each.
 *
 * <p>The session is recorded in the agent directory; on the first connection the session left by
 * a previous, killed run of the agent is closed first (see {@link StoredSession}), so that its
 * ephemeral nodes do not linger for a session timeout.
 *
 * <p>The agent authenticates with the identity in the file {@code credential} of its directory
 * ({@link AgentIdentity}), re-sent on every new session; without that file (an environment
 * without identities) it connects anonymously. Thread-safe.
 */
public final class AgentConnection implements AutoCloseable {
    /** The session timeout asked for: long enough to ride out a ZooKeeper restart or a GC pause. */
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(AgentConnection.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final long SLICE_MILLIS = 200;

    private final String connectString;
    private final Path dir;
    private final Shutdown shutdown;
    private final CuratorFramework client;
    private final Optional<AgentIdentity> identity;
    private final AclSource acls;
    private final Object lock = new Object();
    /**
     * Curator's listener notifications, one at a time as Curator's own service runs them; ours so
     * that {@link #close()} ends its thread (Curator never shuts its own down), and its thread
     * ends when idle, so that agents run many to a JVM hold no thread for it while nothing happens.
     */
    private final ThreadPoolExecutor safeNotifications = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), AgentConnection::notificationThread);
    private Optional<StoredSession> stale;
    private boolean connected;
    private long sessionId;

    private AgentConnection(String connectString, Path dir, Shutdown shutdown) {
        this.connectString = Objects.requireNonNull(connectString, "connectString");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
        safeNotifications.allowCoreThreadTimeOut(true);
        this.stale = StoredSession.read(dir);
        this.identity = AgentIdentity.readFrom(dir.resolve(Credential.FILE_NAME));
        this.acls = identity.map(AgentConnection::aclsOf).orElse(AclSource.open());
        CuratorAcls curatorAcls = new CuratorAcls(acls);
        this.client = StateConnection.builder(connectString, Optional.empty(), identity.map(AgentIdentity::credential),
                        curatorAcls)
                .sessionTimeoutMs((int) SESSION_TIMEOUT.toMillis())
                .connectionTimeoutMs(15_000)
                .retryPolicy(new ExponentialBackoffRetry(500, 29, 30_000))
                .runSafeService(safeNotifications)
                .build();
        curatorAcls.attach(client);
        client.getConnectionStateListenable().addListener((c, state) -> stateChanged(state));
        LOG.info("authenticating as {}", identity.map(i -> i.credential().name())
                .orElse("nobody (no credential file: an environment without identities)"));
    }

    /**
     * The provisioning agent reads the tree and computes ACLs from it; machine and unit agents
     * from what they were given.
     */
    private static AclSource aclsOf(AgentIdentity identity) {
        return Identities.PROVISIONING.equals(identity.credential().name()) ? AclSource.policy()
                : AclSource.agent(identity);
    }

    /** The identity the agent authenticates as (its credential file), if it was given one. */
    public Optional<AgentIdentity> identity() {
        return identity;
    }

    /** Where the ACLs of the nodes this agent creates come from; give it to the agent's {@code StateStore}. */
    public AclSource acls() {
        return acls;
    }

    /**
     * Starts a client of {@code connectString} for the agent whose directory is {@code dir}. Does not
     * wait for the connection: see {@link #awaitConnected()}.
     */
    public static AgentConnection open(String connectString, Path dir, Shutdown shutdown) {
        AgentConnection connection = new AgentConnection(connectString, dir, shutdown);
        connection.client.start();
        return connection;
    }

    /** The Curator client; its operations retry while the connection is down. */
    public CuratorFramework client() {
        return client;
    }

    /** The ZooKeeper connect string. */
    public String connectString() {
        return connectString;
    }

    /** True while connected with a live session (not SUSPENDED, not LOST). */
    public boolean isConnected() {
        synchronized (lock) {
            return connected;
        }
    }

    /**
     * Blocks until connected, logging every 10 s while it waits.
     *
     * @return true when connected; false if a stop was requested first, or the thread was
     *         interrupted (the interrupt flag is then set)
     */
    public boolean awaitConnected() {
        long started = System.nanoTime();
        long nextLog = started + LOG_EVERY.toNanos();
        synchronized (lock) {
            while (!connected) {
                if (shutdown.isRequested()) {
                    return false;
                }
                if (System.nanoTime() - nextLog >= 0) {
                    LOG.info("waiting for ZooKeeper at {} ({} s)", connectString,
                            Duration.ofNanos(System.nanoTime() - started).toSeconds());
                    nextLog += LOG_EVERY.toNanos();
                }
                try {
                    lock.wait(SLICE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** The agent's stop request, which ends every wait of this connection. */
    public Shutdown shutdown() {
        return shutdown;
    }

    /** Closes the client, which ends the session and so removes the agent's ephemeral nodes. */
    @Override
    public void close() {
        client.close();
        safeNotifications.shutdown();
        StoredSession.delete(dir);
    }

    private static Thread notificationThread(Runnable runnable) {
        Thread thread = new Thread(runnable, "Curator-SafeNotifyService");
        thread.setDaemon(true);
        return thread;
    }

    private void stateChanged(ConnectionState state) {
        switch (state) {
            case CONNECTED, RECONNECTED -> onConnected(state);
            case SUSPENDED -> {
                setConnected(false);
                LOG.warn("connection to ZooKeeper at {} suspended; pausing until it is back", connectString);
            }
            case LOST -> {
                setConnected(false);
                LOG.warn("ZooKeeper session lost; reconnecting with a new session");
            }
            default -> setConnected(false);
        }
    }

    private void onConnected(ConnectionState state) {
        Optional<StoredSession> current = currentSession();
        Optional<StoredSession> previous;
        synchronized (lock) {
            previous = stale;
            stale = Optional.empty();
        }
        previous.filter(old -> current.map(now -> now.id() != old.id()).orElse(true))
                .ifPresent(old -> old.close(connectString, Duration.ofSeconds(5)));
        current.ifPresent(session -> {
            if (session.id() != sessionId) {
                sessionId = session.id();
                session.write(dir);
            }
        });
        setConnected(true);
        LOG.info("{} ZooKeeper at {} (session 0x{})", state == ConnectionState.CONNECTED ? "connected to"
                : "reconnected to", connectString, Long.toHexString(sessionId));
    }

    private Optional<StoredSession> currentSession() {
        try {
            ZooKeeper zooKeeper = client.getZookeeperClient().getZooKeeper();
            return Optional.of(new StoredSession(zooKeeper.getSessionId(), zooKeeper.getSessionPasswd()));
        } catch (Exception e) { // Curator declares Exception
            LOG.debug("cannot read the session id: {}", e.toString());
            return Optional.empty();
        }
    }

    private void setConnected(boolean value) {
        synchronized (lock) {
            connected = value;
            lock.notifyAll();
        }
    }
}
