package org.juju.agents.simulated;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.juju.agents.bench.ZooKeeperCounters;
import org.juju.state.error.ProviderException;

/**
 * A standalone ZooKeeper server in this JVM: the plain {@link ZooKeeperServer} of the zookeeper
 * jar, its data in one directory, listening on 127.0.0.1 at a free port with no limit of
 * connections per address (every simulated agent connects from loopback). An internal error of
 * the server never ends the JVM that hosts it (ZooKeeper's exit procedure only logs). Its
 * {@link #server() server object} gives the operation and connection counts.
 */
public final class InProcessZooKeeper implements SimulatedZooKeeper {
    /** The tick of a real environment's ZooKeeper: sessions of 4 s to 40 s. */
    private static final int TICK_TIME_MS = 2000;
    /** No per-address connection limit. */
    private static final int UNLIMITED = 0;
    private final ZooKeeperServer server;
    private final ServerCnxnFactory factory;

    private InProcessZooKeeper(ZooKeeperServer server, ServerCnxnFactory factory) {
        this.server = server;
        this.factory = factory;
    }

    /**
     * Starts a server keeping its snapshots and transaction log in {@code dataDir} (created if needed).
     *
     * @throws ProviderException if it cannot be started
     */
    public static InProcessZooKeeper start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            // ZooKeeper ends the JVM on some internal errors (its request throttler does when it is
            // interrupted at shutdown): right for a server process, not for a server hosted by a
            // benchmark or a test, which must end, or go on, on its own terms.
            org.apache.zookeeper.util.ServiceUtils.setSystemExitProcedure(org.apache.zookeeper.util.ServiceUtils.LOG_ONLY);
            ZooKeeperServer server = new ZooKeeperServer(dataDir.toFile(), dataDir.toFile(), TICK_TIME_MS);
            ServerCnxnFactory factory = ServerCnxnFactory.createFactory(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), UNLIMITED);
            factory.startup(server);
            return new InProcessZooKeeper(server, factory);
        } catch (IOException e) {
            throw new ProviderException("cannot start ZooKeeper in " + dataDir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while starting ZooKeeper in " + dataDir, e);
        }
    }

    @Override
    public String connectString() {
        return "127.0.0.1:" + factory.getLocalPort();
    }

    /** The server, for its statistics ({@code serverStats()}, {@code getZKDatabase()}). */
    public ZooKeeperServer server() {
        return server;
    }

    @Override
    public int connections() {
        return factory.getNumAliveConnections();
    }

    /** Read from the server object itself ({@link ZooKeeperCounters#of}). */
    @Override
    public ZooKeeperCounters.Snapshot counters() {
        return ZooKeeperCounters.of(server);
    }

    /** Empty: the server's memory is part of this JVM's. */
    @Override
    public OptionalLong residentBytes() {
        return OptionalLong.empty();
    }

    /** Stops serving and closes the server. Idempotent. */
    @Override
    public void close() {
        factory.shutdown();
        server.shutdown();
    }
}
