package org.juju.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.juju.state.error.ProviderException;

/**
 * Starts, finds and stops the {@link StorageDaemon} of a local environment from the client side.
 * The daemon runs under a supervisor like the agents do ({@link SupervisedAgents}), in
 * {@code <data-dir>/agents/storage/}, its output (one line per request included) appended to
 * {@value #OUTPUT_FILE} there; where it serves is in {@code <data-dir>/storage.address}. Thread-safe
 * (no mutable state).
 */
final class CharmStorageProcess {
    /** The output file of the daemon and its supervisor, in its directory. */
    static final String OUTPUT_FILE = "charm-storage.log";
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    private final String environment;
    private final DataDirLayout layout;
    private final SupervisedAgents agents;
    private final java.util.function.Supplier<String> host;

    /**
     * @param host the address the daemon listens on: 127.0.0.1 for machines on this host, a bridge's
     *             address for containers (asked when the daemon is started)
     */
    CharmStorageProcess(String environment, DataDirLayout layout, SupervisedAgents agents, String host) {
        this(environment, layout, agents, () -> host);
    }

    /** Like the other constructor, with the address asked when the daemon is started. */
    CharmStorageProcess(String environment, DataDirLayout layout, SupervisedAgents agents,
                        java.util.function.Supplier<String> host) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * What {@link #start} did: whether it launched the supervisor (false: it ran already), and the
     * size of the output file before, from where a failure's telling line is looked for.
     */
    record Start(boolean launched, long outputOffset) {
    }

    /**
     * Makes sure the daemon's supervisor runs, launching it (and deleting the address file a dead
     * daemon left, so that only the new daemon's address counts) unless it runs already. Does not
     * wait for the daemon to serve: see {@link #awaitServing}.
     *
     * @throws ProviderException if the supervisor cannot be started
     */
    Start start() {
        SupervisedAgent daemon = daemon();
        long offset = LogTail.size(daemon.output());
        return new Start(SupervisedDaemons.start(agents, layout.agentsLockFile(), daemon, this::deleteStaleAddress),
                offset);
    }

    /**
     * Waits until the daemon serves: its address file is present and a {@code HEAD} there is
     * answered by it ({@link StorageProbe}).
     *
     * @return where it serves
     * @throws ProviderException if its supervisor is gone or it does not serve within
     *                           {@code timeout}; the message ends with the output's telling line
     */
    StorageAddress awaitServing(Start start, Duration timeout) {
        return SupervisedDaemons.awaitServing("charm storage", daemon(), start.outputOffset(), timeout,
                () -> address(layout).filter(a -> StorageProbe.serves(a, PROBE_TIMEOUT)));
    }

    /**
     * Stops the daemon and its supervisor for good (SIGTERM, SIGKILL after {@code timeout}).
     *
     * @return true if something was running
     * @throws ProviderException if a process survives SIGKILL
     */
    boolean stop(Duration timeout) {
        return agents.stop(layout.storageDaemonDir(), timeout);
    }

    /** The address in the daemon's address file, if there is one (not probed). */
    static Optional<StorageAddress> address(DataDirLayout layout) {
        return DataDirLayout.readSmall(layout.storageAddressFile()).flatMap(StorageAddress::parse);
    }

    private SupervisedAgent daemon() {
        return new SupervisedAgent(layout.storageDaemonDir(), "charm storage of environment '" + environment + "'",
                StorageDaemon.class.getName(), List.of("--data-dir", layout.dataDir().toString(), "--host", host.get()),
                OUTPUT_FILE);
    }

    private void deleteStaleAddress() {
        try {
            Files.deleteIfExists(layout.storageAddressFile());
        } catch (IOException e) {
            throw new ProviderException("cannot remove the stale address file " + layout.storageAddressFile()
                    + ": " + e.getMessage(), e);
        }
    }
}
