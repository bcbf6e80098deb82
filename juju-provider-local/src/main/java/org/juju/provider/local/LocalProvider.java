package org.juju.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.juju.provider.CharmStorage;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.ProgressListener;
import org.juju.provider.Provider;
import org.juju.provider.StateServer;
import org.juju.state.error.ProviderException;

/**
 * A local environment: its state server is a {@link ZooKeeperDaemon} on this host, its charm
 * storage a directory, both under the environment's data directory. Several environments run side
 * by side, each with its own data directory and port. Machines (processes now, LXC containers
 * later) come with the provisioning agent.
 *
 * <p>The data directory is created with mode 0700 and marked as the provider's; bootstrap refuses
 * an existing non-empty directory without that mark, so that destroying an environment can never
 * wipe a directory (such as the home directory) that merely was named as data-dir.
 */
public final class LocalProvider implements Provider {
    private final EnvironmentConfig config;
    private final LocalConfig local;
    private final ZooKeeperProcess zooKeeper;
    private final Duration startTimeout;
    private final DataDirLayout layout;

    /** A provider of an already validated configuration. */
    public LocalProvider(EnvironmentConfig config, LocalConfig local, ZooKeeperProcess zooKeeper, Duration startTimeout) {
        this.config = Objects.requireNonNull(config, "config");
        this.local = Objects.requireNonNull(local, "local");
        this.zooKeeper = Objects.requireNonNull(zooKeeper, "zooKeeper");
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
        this.layout = new DataDirLayout(local.dataDir());
    }

    @Override
    public EnvironmentConfig config() {
        return config;
    }

    /** The validated local settings. */
    public LocalConfig localConfig() {
        return local;
    }

    /**
     * Creates the data directory if needed and starts the environment's ZooKeeper daemon unless it
     * serves already; waits until it serves. Idempotent; a daemon that died is restarted with its data.
     *
     * @throws ProviderException if the data directory is unusable (not a directory, or non-empty and
     *                           not created by juju) or ZooKeeper does not start
     */
    @Override
    public StateServer bootstrap(ProgressListener progress) {
        prepareDataDir();
        if (ZooKeeperProcess.running(layout.dataDir()).isPresent()) {
            progress.progress("ZooKeeper for environment '" + config.name() + "' is already running");
        } else {
            progress.progress("starting ZooKeeper for environment '" + config.name() + "'...");
        }
        ZooKeeperAddress address = zooKeeper.start(layout.dataDir(), local.zooKeeperHost(), local.zooKeeperPort(),
                startTimeout);
        progress.progress("ZooKeeper is serving at " + address);
        return new StateServer(address.toString());
    }

    /** The address in the daemon's address file, present while the daemon runs (not probed). */
    @Override
    public Optional<StateServer> stateServer() {
        return ZooKeeperProcess.address(layout.dataDir()).map(address -> new StateServer(address.toString()));
    }

    /** Storage in {@code <data-dir>/storage}; see {@link LocalCharmStorage}. */
    @Override
    public CharmStorage charmStorage() {
        return new LocalCharmStorage(layout.storageDir());
    }

    @Override
    public org.juju.provider.MachineProvider machines() {
        throw new org.juju.state.error.ProviderException("environment '" + config.name()
                + "': machines of the local provider are not available yet");
    }

    /**
     * Stops the ZooKeeper daemon (if it runs) and removes the data directory as described by
     * {@link DataDirCleaner}. Safe on an environment never or only partly bootstrapped.
     *
     * @throws ProviderException if the daemon cannot be stopped (nothing is deleted then) or files
     *                           cannot be removed
     */
    @Override
    public void destroy(ProgressListener progress) {
        if (zooKeeper.stop(layout.dataDir(), Duration.ofSeconds(10))) {
            progress.progress("stopped ZooKeeper of environment '" + config.name() + "'");
        }
        DataDirCleaner.clean(layout, progress);
    }

    private void prepareDataDir() {
        Path dir = layout.dataDir();
        try {
            if (Files.isDirectory(dir)) {
                if (Files.isRegularFile(layout.markerFile())) {
                    return;
                }
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new ProviderException("data-dir " + dir + " of environment '" + config.name()
                                + "' is not empty and was not created by juju; set data-dir to a new or empty directory");
                    }
                }
            } else if (Files.exists(dir)) {
                throw new ProviderException("data-dir " + dir + " of environment '" + config.name()
                        + "' is not a directory");
            } else {
                createPrivateDirectories(dir);
            }
            DataDirLayout.writeAtomically(layout.markerFile(), "data directory of juju local environment '"
                    + config.name() + "'\n");
        } catch (IOException e) {
            throw new ProviderException("cannot create data-dir " + dir + " of environment '" + config.name()
                    + "': " + e, e);
        }
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }
}
