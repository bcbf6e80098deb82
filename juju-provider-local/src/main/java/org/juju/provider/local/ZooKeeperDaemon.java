package org.juju.provider.local;

import java.io.IOException;
import java.net.BindException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.server.DatadirCleanupManager;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone ZooKeeper server run as the background daemon of one local environment.
 *
 * <p>Usage: {@code ZooKeeperDaemon --data-dir DIR [--host HOST] [--port N]
 * [--secure-port N --tls-dir TLS]}. Data lives under {@code DIR/zookeeper}. Once the server accepts
 * connections the daemon writes {@code DIR/zookeeper.pid} and then {@code DIR/zookeeper.address}
 * ({@code host:port} of the plain port; {@code 127.0.0.1} when it listens on {@code 0.0.0.0}),
 * each atomically; on SIGTERM it shuts the server down and removes both. With {@code --port 0} it first
 * tries the port recorded in {@code DIR/zookeeper.last-port}, so clients keep working across
 * restarts, and otherwise takes any free port. The admin server is off and only the {@code ruok}
 * four-letter command is enabled. Logs go to stdout.
 *
 * <p>With {@code --secure-port}, the same server also listens on that port (same host) for TLS
 * clients only, and requires a client certificate: {@code TLS} holds {@code server.p12},
 * {@code server-trust.p12} and {@code password} (see {@link SecureClientPort}). The server trusts
 * exactly the certificates in {@code server-trust.p12}, so client host names are not verified.
 *
 * <p>Exit status: 0 after SIGTERM, 1 if the server failed, 2 for bad arguments, 3 if another
 * daemon already serves the data directory (it holds {@code DIR/zookeeper.lock}).
 */
public final class ZooKeeperDaemon {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_LOCKED = 3;
    private static final int TICK_TIME_MS = 2000;

    private final DaemonOptions options;
    private final DataDirLayout layout;
    private final Logger log;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile ServerCnxnFactory factory;
    private volatile ServerCnxnFactory secureFactory;
    private volatile ZooKeeperServer server;
    private volatile DatadirCleanupManager cleanup;
    private volatile FileChannel lockChannel;
    private volatile boolean stopping;
    private volatile boolean serving;

    private ZooKeeperDaemon(DaemonOptions options, Logger log) {
        this.options = options;
        this.layout = new DataDirLayout(options.dataDir());
        this.log = log;
    }

    public static void main(String[] args) {
        configureSystemProperties();
        DaemonLogging.configure();
        Logger log = LoggerFactory.getLogger(ZooKeeperDaemon.class);
        DaemonOptions options;
        try {
            options = DaemonOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            log.error("ZooKeeper daemon: {}", e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        int status = new ZooKeeperDaemon(options, log).run();
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Settings that must be in place before any ZooKeeper class initializes. */
    private static void configureSystemProperties() {
        System.setProperty("zookeeper.admin.enableServer", "false");
        System.setProperty("zookeeper.4lw.commands.whitelist", "ruok");
        System.setProperty("zookeeper.maxCnxns", "0");
        System.setProperty("zookeeper.jmx.log4j.disable", "true");
    }

    /** Runs until SIGTERM (returns 0) or a failure (returns the exit status). */
    private int run() {
        try {
            Files.createDirectories(layout.zooKeeperDir());
            if (!lock()) {
                log.error("another ZooKeeper daemon holds {}; not starting", layout.lockFile());
                return EXIT_LOCKED;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "zookeeper-daemon-shutdown"));
            if (options.secure().isPresent()) {
                SecureBinding.configure(options.secure().get());
            }
            server = new ZooKeeperServer(layout.zooKeeperDir().toFile(), layout.zooKeeperDir().toFile(), TICK_TIME_MS);
            factory = new ServerBinding(options, layout, log).bind();
            factory.startup(server);
            if (options.secure().isPresent()) {
                SecureClientPort secure = options.secure().get();
                secureFactory = SecureBinding.bind(options.host(), secure, ServerBinding.MAX_CLIENT_CNXNS);
                server.setSecureServerCnxnFactory(secureFactory);
                secureFactory.startup(server, false);
                log.info("ZooKeeper for {} also serves TLS clients with a certificate from {} at {}:{}",
                        layout.dataDir(), secure.trustStore(), options.host(), secureFactory.getLocalPort());
            }
            cleanup = new DatadirCleanupManager(layout.zooKeeperDir().toFile(), layout.zooKeeperDir().toFile(), 3, 1);
            cleanup.start();
            ZooKeeperAddress address = new ZooKeeperAddress(reachableHost(options.host()), factory.getLocalPort());
            LastPort.write(layout.lastPortFile(), address.port());
            DataDirLayout.writeAtomically(layout.pidFile(), ProcessHandle.current().pid() + "\n");
            DataDirLayout.writeAtomically(layout.addressFile(), address + "\n");
            serving = true;
            log.info("ZooKeeper for {} is serving at {} (pid {})", layout.dataDir(), address,
                    ProcessHandle.current().pid());
            return awaitStop();
        } catch (BindException e) {
            log.error("ZooKeeper daemon failed: {}", e.getMessage());
            return EXIT_FAILED;
        } catch (IOException | RuntimeException | LinkageError e) {
            log.error("ZooKeeper daemon failed: {}", e.toString(), e);
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.error("ZooKeeper daemon interrupted while starting");
            return EXIT_FAILED;
        }
    }

    /** The host clients on this machine reach a listener on {@code host} at: loopback for a wildcard. */
    static String reachableHost(String host) {
        return switch (host) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]", "::0" -> "::1";
            default -> host;
        };
    }

    private boolean lock() throws IOException {
        FileChannel channel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            return false;
        }
        lockChannel = channel;
        return true;
    }

    private int awaitStop() throws InterruptedException {
        while (!stopped.await(500, TimeUnit.MILLISECONDS)) {
            if (!stopping && !server.isRunning()) {
                log.error("ZooKeeper server stopped unexpectedly (state {})", server.getState());
                return EXIT_FAILED;
            }
        }
        return 0;
    }

    /** The shutdown hook: stops the server, removes the files announcing it and releases the lock. */
    private synchronized void shutdown() {
        if (stopped.getCount() == 0) {
            return;
        }
        stopping = true;
        if (serving) {
            log.info("stopping ZooKeeper for {}", layout.dataDir());
        }
        String ownPid = Long.toString(ProcessHandle.current().pid());
        if (DataDirLayout.readSmall(layout.pidFile()).filter(ownPid::equals).isPresent()) {
            deleteQuietly(layout.addressFile());
            deleteQuietly(layout.pidFile());
        }
        try {
            if (secureFactory != null) {
                secureFactory.shutdown();
            }
            if (factory != null) {
                factory.shutdown();
            }
            if (server != null) {
                server.shutdown();
            }
            if (cleanup != null) {
                cleanup.shutdown();
            }
        } catch (RuntimeException e) {
            log.warn("error while stopping ZooKeeper: {}", e.toString());
        }
        try {
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            log.warn("cannot release {}: {}", layout.lockFile(), e.toString());
        }
        if (serving) {
            log.info("ZooKeeper for {} stopped", layout.dataDir());
        }
        stopped.countDown();
    }

    private void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", file, e.toString());
        }
    }
}
