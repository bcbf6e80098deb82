package org.juju.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The charm storage daemon of one local environment: serves {@code DIR/storage} over HTTP,
 * read-only (see {@link StorageServer}), so that machines which cannot read this host's files can
 * fetch charm bundles. It runs under a supervisor ({@link CharmStorageProcess}), which restarts it
 * when it exits.
 *
 * <p>Usage: {@code StorageDaemon --data-dir DIR [--host HOST] [--port N]} (host 127.0.0.1 by
 * default). With {@code --port 0} it takes the port recorded in {@code DIR/storage.last-port} if
 * that is free, and otherwise any free port. Once it serves (it has answered a {@code HEAD} of its
 * own) it writes {@code DIR/storage.address} ({@code host:port}) atomically. It leaves that file
 * in place when it exits: the file names where the environment's storage is served, which is where
 * its supervisor brings the daemon back (on the same port when it is free). Logs, one line per
 * request included, go to stdout.
 *
 * <p>Exit status: 1 if it cannot serve, 2 for bad arguments; it runs until it is signalled.
 */
public final class StorageDaemon {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final Duration SELF_PROBE_TIMEOUT = Duration.ofSeconds(10);

    private StorageDaemon() {
    }

    public static void main(String[] args) {
        DaemonLogging.configure();
        Logger log = LoggerFactory.getLogger(StorageDaemon.class);
        DaemonOptions options;
        try {
            options = DaemonOptions.parse(List.of(args));
            if (options.secure().isPresent()) {
                throw new IllegalArgumentException("the charm storage daemon has no secure port");
            }
        } catch (IllegalArgumentException e) {
            log.error("charm storage daemon: {}", e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        DataDirLayout layout = new DataDirLayout(options.dataDir());
        try {
            Files.createDirectories(layout.storageDir());
            StorageServer server = StorageServer.start(layout.storageDir(), options.host(), options.port(),
                    layout.storageLastPortFile(), log);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                log.info("charm storage stopped");
            }, "storage-daemon-shutdown"));
            // Answering once first proves it serves, and takes the first request's class loading
            // off the client that will wait for it.
            if (!StorageProbe.serves(server.address(), SELF_PROBE_TIMEOUT)) {
                throw new IOException("the server does not answer at " + server.address());
            }
            DataDirLayout.writeAtomically(layout.storageAddressFile(), server.address() + "\n");
            log.info("charm storage {} is serving at {} (pid {})", layout.storageDir(), server.address(),
                    ProcessHandle.current().pid());
        } catch (IOException | RuntimeException e) {
            log.error("charm storage daemon failed: {}", e.toString());
            System.exit(EXIT_FAILED);
        }
    }
}
