package org.juju.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.juju.state.error.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, finds and stops the {@link ZooKeeperDaemon} of a data directory from the client side.
 * The daemon outlives the JVM that started it; everything needed to find it again is in the data
 * directory (see {@link DataDirLayout}). A process is only ever signalled after its command line
 * proved it to be the daemon of that very data directory. Thread-safe (no mutable state).
 */
public final class ZooKeeperProcess {
    /** How long {@link #start} waits by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperProcess.class);
    private static final long POLL_MILLIS = 25;
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

    private final DaemonLauncher launcher;

    /** Launches daemons with this JVM's classpath ({@code java.class.path}). */
    public ZooKeeperProcess() {
        this(System.getProperty("java.class.path"));
    }

    /** Launches daemons with {@code classpath}, which must hold this module and its dependencies. */
    public ZooKeeperProcess(String classpath) {
        this.launcher = new DaemonLauncher(classpath);
    }

    /** The classpath daemons are launched with. */
    String classpath() {
        return launcher.classpath();
    }

    /** Like {@link #start(Path, String, int, Duration)} with port 0 (the last port, else a free one). */
    public ZooKeeperAddress start(Path dataDir, String host, Duration timeout) {
        return start(dataDir, host, 0, timeout);
    }

    /**
     * Makes sure the daemon of {@code dataDir} serves and returns its address. Idempotent: a live
     * daemon that serves is returned as is (whatever host and port it was started with); stale pid
     * and address files of a dead one are removed and a new daemon is launched, which keeps the data.
     *
     * @param port 0 for the last port used (if free) or any free port
     * @throws ProviderException if the daemon exits before serving or does not serve within
     *                           {@code timeout}; the message ends with the log's last line and path
     */
    public ZooKeeperAddress start(Path dataDir, String host, int port, Duration timeout) {
        return start(dataDir, host, port, Optional.empty(), timeout);
    }

    /**
     * Like {@link #start(Path, String, int, Duration)}, and a launched daemon also serves TLS
     * clients with a client certificate on {@code secure}'s port. A daemon that already serves is
     * returned as is, whatever ports it was started with. The returned address is the plain port's.
     *
     * @throws ProviderException also if the TLS files are missing or do not open, or the secure
     *                           port is taken (the daemon exits; the message ends with its log)
     */
    public ZooKeeperAddress start(Path dataDir, String host, int port, Optional<SecureClientPort> secure,
                                  Duration timeout) {
        DataDirLayout layout = new DataDirLayout(dataDir);
        Instant deadline = Instant.now().plus(timeout);
        Optional<ProcessHandle> running = DaemonIdentity.recordedDaemon(layout);
        Process child = null;
        long logOffset = LogTail.size(layout.logFile());
        if (running.isEmpty()) {
            if (layout.daemonLockFree()) {
                deleteStaleFiles(layout);
            }
            LOG.debug("launching ZooKeeper for {}", layout.dataDir());
            child = launcher.launch(layout, host, port, secure);
        }
        while (true) {
            Optional<ZooKeeperAddress> serving = servingAddress(layout);
            if (serving.isPresent()) {
                discardLoser(child, layout);
                return serving.get();
            }
            if (child != null && !child.isAlive()) {
                if (child.exitValue() != ZooKeeperDaemon.EXIT_LOCKED) {
                    throw LogTail.failure("ZooKeeper exited with status " + child.exitValue() + " before serving",
                            layout.logFile(), logOffset);
                }
                child = null; // another daemon holds the data directory: wait for it to serve
            }
            if (Instant.now().isAfter(deadline)) {
                if (child != null) {
                    child.destroyForcibly();
                }
                String problem = running.isPresent()
                        ? "ZooKeeper (pid " + running.get().pid() + ") runs but did not answer within " + describe(timeout)
                        : "ZooKeeper did not start within " + describe(timeout);
                throw LogTail.failure(problem, layout.logFile(), logOffset);
            }
            pause(POLL_MILLIS, "waiting for ZooKeeper to start");
        }
    }

    /**
     * Stops the daemon of {@code dataDir}: SIGTERM, then after {@code timeout} SIGKILL. A pid file
     * naming a process that is not this data directory's daemon is treated as stale and removed; that
     * process is left alone. No-op when nothing runs.
     *
     * @return true if a daemon was running and has been stopped
     * @throws ProviderException if the daemon survives SIGKILL or the wait is interrupted
     */
    public boolean stop(Path dataDir, Duration timeout) {
        DataDirLayout layout = new DataDirLayout(dataDir);
        Optional<ProcessHandle> daemon = DaemonIdentity.recordedDaemon(layout);
        if (daemon.isEmpty()) {
            if (layout.daemonLockFree()) {
                deleteStaleFiles(layout);
            }
            return false;
        }
        ProcessHandle handle = daemon.get();
        LOG.debug("stopping ZooKeeper (pid {}) for {}", handle.pid(), layout.dataDir());
        handle.destroy();
        if (!awaitExit(handle, timeout)) {
            LOG.warn("ZooKeeper (pid {}) did not stop within {}; killing it", handle.pid(), describe(timeout));
            handle.destroyForcibly();
            if (!awaitExit(handle, KILL_TIMEOUT)) {
                throw new ProviderException("ZooKeeper (pid " + handle.pid() + ") for " + layout.dataDir()
                        + " did not exit after SIGKILL");
            }
        }
        if (layout.daemonLockFree()) {
            deleteStaleFiles(layout);
        }
        return true;
    }

    /** The address recorded in the address file of {@code dataDir}; not checked for reachability. */
    public static Optional<ZooKeeperAddress> address(Path dataDir) {
        return DataDirLayout.readSmall(new DataDirLayout(dataDir).addressFile()).flatMap(ZooKeeperAddress::parse);
    }

    /** The live daemon process of {@code dataDir}, if its pid file names one. */
    public static Optional<ProcessHandle> running(Path dataDir) {
        return DaemonIdentity.recordedDaemon(new DataDirLayout(dataDir));
    }

    private static Optional<ZooKeeperAddress> servingAddress(DataDirLayout layout) {
        return DaemonIdentity.recordedDaemon(layout)
                .flatMap(daemon -> address(layout.dataDir()))
                .filter(address -> ZooKeeperProbe.serves(address, PROBE_TIMEOUT));
    }

    /**
     * Kills {@code child} if it is not the daemon that serves: it lost a concurrent start and must
     * not take over the data directory later, when the winner stops.
     */
    private static void discardLoser(Process child, DataDirLayout layout) {
        if (child == null || layout.recordedPid().orElse(-1L) == child.pid()) {
            return;
        }
        child.destroyForcibly();
        awaitExit(child.toHandle(), KILL_TIMEOUT);
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while stopping ZooKeeper (pid " + handle.pid() + ")", e);
        }
    }

    private static void deleteStaleFiles(DataDirLayout layout) {
        try {
            Files.deleteIfExists(layout.addressFile());
            Files.deleteIfExists(layout.pidFile());
        } catch (IOException e) {
            throw new ProviderException("cannot remove stale ZooKeeper files in " + layout.dataDir()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void pause(long millis, String what) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while " + what);
        }
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
