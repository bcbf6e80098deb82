package org.juju.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.juju.provider.CharmStorage;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.MachineProvider;
import org.juju.provider.ProgressListener;
import org.juju.provider.Provider;
import org.juju.provider.StateServer;
import org.juju.state.error.ProviderException;
import org.juju.provider.local.lxc.AgentCommand;
import org.juju.provider.local.lxc.Bridge;
import org.juju.provider.local.lxc.LxcEnvironment;
import org.juju.state.model.MachineId;
import org.juju.state.security.Identities;

/**
 * A local environment: its state server is a {@link ZooKeeperDaemon} on this host (or, with
 * {@code zookeeper-servers: N}, an ensemble of N supervised {@link EnsembleServer}s), its charm
 * storage a directory served over HTTP by a {@link StorageDaemon}, its machines
 * {@link ProcessMachines process trees}, all under the environment's data directory. Bootstrap also
 * starts the charm storage daemon, the provisioning agent and machine 0's machine agent, each under
 * a supervisor that restarts it. Several environments run side by side, each with its own data
 * directory and ports. Every process is detached from the client and found again through files in
 * the data directory.
 *
 * <p>The data directory is created with mode 0700 and marked as the provider's; bootstrap refuses
 * an existing non-empty directory without that mark, so that destroying an environment can never
 * wipe a directory (such as the home directory) that merely was named as data-dir.
 */
public final class LocalProvider implements Provider {
    /** How long an agent gets between SIGTERM and SIGKILL. */
    static final Duration AGENT_STOP_TIMEOUT = Duration.ofSeconds(15);
    /** The output file of the provisioning agent and its supervisor, in its directory. */
    static final String PROVISIONING_OUTPUT = "provisioning-agent.log";

    private final EnvironmentConfig config;
    private final LocalConfig local;
    private final ZooKeeperProcess zooKeeper;
    private final Duration startTimeout;
    private final DataDirLayout layout;
    private final SupervisedAgents agents;
    private final ProcessMachines machines;
    private final CharmStorageProcess storage;
    private final ZooKeeperEnsembleProcess ensemble;
    private LxcEnvironment lxc;
    private AptCache aptCache;

    /**
     * A provider of an already validated configuration. Agents run with the classpath that
     * {@code zooKeeper} launches its daemon with (by default the client's {@code java.class.path},
     * which holds the agents too).
     */
    public LocalProvider(EnvironmentConfig config, LocalConfig local, ZooKeeperProcess zooKeeper, Duration startTimeout) {
        this.config = Objects.requireNonNull(config, "config");
        this.local = Objects.requireNonNull(local, "local");
        this.zooKeeper = Objects.requireNonNull(zooKeeper, "zooKeeper");
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
        this.layout = new DataDirLayout(local.dataDir());
        this.agents = new SupervisedAgents(zooKeeper.classpath(), layout.agentsLockFile());
        this.machines = new ProcessMachines(config.name(), layout, agents, AGENT_STOP_TIMEOUT,
                local.container() == ContainerKind.PROCESS ? local.spareMachines() : 0);
        this.storage = new CharmStorageProcess(config.name(), layout, agents, this::daemonHost);
        this.ensemble = new ZooKeeperEnsembleProcess(config.name(), layout, agents, this::daemonHost);
    }

    /** True if this environment's machines (but machine 0) are LXC containers. */
    boolean usesContainers() {
        return local.container() == ContainerKind.LXC;
    }

    /**
     * The LXC side of the environment (made on first use: it reads or chooses the bridge in the
     * data directory).
     *
     * @throws ProviderException if this host cannot run LXC containers
     */
    synchronized LxcEnvironment lxc() {
        if (lxc == null) {
            HostAptSources.Mirrors mirrors = HostAptSources.read();
            lxc = new LxcEnvironment(config.name(), layout.dataDir(), local.defaultSeries(),
                    AgentCommand.of(SupervisorScript.JVM_OPTIONS, SupervisorScript.AGENT_MAIN, zooKeeper.classpath()),
                    mirrors.debian().toString(), mirrors.security().toString(), () -> aptCache().address(),
                    local.spareMachines());
        }
        return lxc;
    }

    /** The apt cache of an environment of containers, on the bridge's host address (made on first use). */
    synchronized AptCache aptCache() {
        if (aptCache == null) {
            aptCache = AptCache.forHost(config.name(), layout, agents, lxc().bridge().hostAddress());
        }
        return aptCache;
    }

    /**
     * Where the environment's daemons (ZooKeeper, the charm storage) listen: the bridge's host
     * address when machines are containers, else {@code zookeeper-host} (default 127.0.0.1).
     */
    private String daemonHost() {
        return usesContainers() ? lxc().bridge().hostAddress() : local.zooKeeperHost();
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
     * Creates the data directory if needed and starts, each unless it runs already: the charm
     * storage daemon, the environment's ZooKeeper daemon or each server of its ensemble (waiting
     * until it serves, or a quorum of the ensemble does), the provisioning
     * agent and machine 0's machine agent (which wait for the initialized state tree by themselves).
     * Returns once ZooKeeper and the charm storage serve. Idempotent: after a host restart it brings
     * back ZooKeeper with its data, the charm storage, both agents and every other machine: the
     * supervisor of each process machine that still has its directory, or each stopped container.
     *
     * <p>With an {@code admin-secret} (which the client's configuration has, the agents' copy never),
     * every bootstrap writes the identities of the provisioning agent and of machine 0's machine
     * agent ({@link Identities}, derived from the secret) as their {@link CredentialFile credential
     * files} before it starts them, also when they run already; other machines keep theirs.
     *
     * @throws ProviderException if the data directory is unusable (not a directory, or non-empty and
     *                           not created by juju), or ZooKeeper or the charm storage does not
     *                           start within the start timeout
     */
    @Override
    public StateServer bootstrap(ProgressListener progress) {
        prepareDataDir();
        checkServerCount();
        Optional<AptCache.Start> aptStart = Optional.empty();
        if (usesContainers()) {
            AptCache.Availability apt = AptCache.available();
            if (!apt.available()) {
                throw new ProviderException("environment '" + config.name() + "' has container: lxc, whose machines"
                        + " get their packages through an apt cache, but " + apt.reason());
            }
            lxc().prepare(progress);
            aptStart = Optional.of(aptCache().start());
        }
        // launched first: its JVM starts while ZooKeeper does
        CharmStorageProcess.Start storageStart = storage.start();
        progress.progress(storageStart.launched() ? "started the charm storage" : "the charm storage is already running");
        String address = startStateServer(storageStart, progress);
        Optional<String> adminSecret = Optional.of(local.adminSecret()).filter(secret -> !secret.isEmpty());
        boolean provisioning = agents.start(provisioningAgent(address),
                dir -> CredentialFile.write(adminSecret.map(Identities::provisioningAgent), dir)).launched();
        progress.progress(provisioning ? "started the provisioning agent" : "the provisioning agent is already running");
        boolean machineZero = machines.startIfNeeded(MachineId.BOOTSTRAP, address,
                adminSecret.map(Identities::bootstrapMachineAgent));
        progress.progress(machineZero ? "started the machine agent of machine 0"
                : "the machine agent of machine 0 is already running");
        if (usesContainers()) {
            int restarted = lxc().machines().startStopped();
            if (restarted > 0) {
                progress.progress("restarted " + restarted + " stopped container(s)");
            }
        } else {
            for (MachineId id : machines.machineIds()) {
                if (!id.isBootstrap() && machines.startIfNeeded(id, address)) {
                    progress.progress("restarted machine " + id);
                }
            }
        }
        StorageAddress storageAddress = storage.awaitServing(storageStart, startTimeout);
        progress.progress("the charm storage is serving at " + storageAddress.objectUrl(""));
        if (aptStart.isPresent()) {
            progress.progress("the apt cache is serving at " + aptCache().awaitServing(aptStart.get(), startTimeout));
        }
        return new StateServer(address);
    }

    /**
     * The address in the daemon's address file, present while the daemon runs; with an ensemble,
     * the connect string of every server, present from the first bootstrap until
     * destroy-environment (not probed).
     */
    @Override
    public Optional<StateServer> stateServer() {
        if (local.ensemble()) {
            return DataDirLayout.readSmall(layout.addressFile()).map(StateServer::new);
        }
        return ZooKeeperProcess.address(layout.dataDir()).map(address -> new StateServer(address.toString()));
    }

    /**
     * Storage in {@code <data-dir>/storage}, whose URLs are those of the charm storage daemon once
     * bootstrap has started it (its address file tells; this may run in another process than
     * bootstrap did); see {@link LocalCharmStorage}.
     */
    @Override
    public CharmStorage charmStorage() {
        return new LocalCharmStorage(layout.storageDir(), () -> CharmStorageProcess.address(layout));
    }

    /**
     * The environment's machines: {@link ProcessMachines} with {@code container: process}; with
     * {@code container: lxc}, machine 0 on this host and the others LXC containers
     * ({@link HostAndContainers}).
     *
     * @throws ProviderException if the environment has {@code container: lxc} and this host cannot
     *                           run LXC containers (the message says why)
     */
    @Override
    public MachineProvider machines() {
        return usesContainers() ? new HostAndContainers(machines, lxc().machines()) : machines;
    }

    /**
     * Stops everything the environment runs, then removes the data directory as described by
     * {@link DataDirCleaner}: first the provisioning agent (so it cannot start machines meanwhile),
     * then every machine (each with all its processes), then the charm storage daemon, then the
     * ZooKeeper daemon or every server of the ensemble. Safe on an environment never or only partly bootstrapped.
     *
     * @throws ProviderException if a process cannot be stopped (nothing is deleted then) or files
     *                           cannot be removed
     */
    @Override
    public void destroy(ProgressListener progress) {
        if (agents.stop(layout.provisioningAgentDir(), AGENT_STOP_TIMEOUT)) {
            progress.progress("stopped the provisioning agent");
        }
        if (machines.stopSpares()) {
            progress.progress("stopped the spare machines");
        }
        if (usesContainers() && Files.exists(layout.dataDir().resolve(Bridge.FILE))) {
            lxc().destroy(progress);
            if (aptCache().stop(AGENT_STOP_TIMEOUT)) {
                progress.progress("stopped the apt cache");
            }
        }
        for (MachineId id : machines.machineIds()) {
            if (machines.stop(id)) {
                progress.progress("stopped machine " + id);
            }
        }
        if (storage.stop(AGENT_STOP_TIMEOUT)) {
            progress.progress("stopped the charm storage");
        }
        int servers = Files.exists(layout.ensembleFile()) ? ensemble.stop(Duration.ofSeconds(10)) : 0;
        if (servers > 0) {
            progress.progress("stopped " + servers + " ZooKeeper server(s) of environment '" + config.name() + "'");
        }
        if (zooKeeper.stop(layout.dataDir(), Duration.ofSeconds(10))) {
            progress.progress("stopped ZooKeeper of environment '" + config.name() + "'");
        }
        DataDirCleaner.clean(layout, progress);
    }

    /**
     * Starts the state server, the single ZooKeeper daemon or the ensemble's servers, waits until it
     * serves and returns its connect string; if it fails, first stops the charm storage if this
     * bootstrap launched it, so that a failed bootstrap leaves nothing new running.
     */
    private String startStateServer(CharmStorageProcess.Start storageStart, ProgressListener progress) {
        try {
            if (local.ensemble()) {
                ZooKeeperEnsembleProcess.Start start = ensemble.start(local.zooKeeperServers());
                progress.progress(start.launched() > 0
                        ? "started " + start.launched() + " of " + local.zooKeeperServers() + " ZooKeeper servers for"
                                + " environment '" + config.name() + "'; waiting for a quorum..."
                        : "the " + local.zooKeeperServers() + " ZooKeeper servers of environment '" + config.name()
                                + "' are already running");
                String connect = ensemble.awaitServing(start, startTimeout);
                progress.progress("the ZooKeeper ensemble is serving at " + connect);
                return connect;
            }
            if (ZooKeeperProcess.running(layout.dataDir()).isPresent()) {
                progress.progress("ZooKeeper for environment '" + config.name() + "' is already running");
            } else {
                progress.progress("starting ZooKeeper for environment '" + config.name() + "'...");
            }
            ZooKeeperAddress address = zooKeeper.start(layout.dataDir(), daemonHost(), local.zooKeeperPort(), startTimeout);
            progress.progress("ZooKeeper is serving at " + address);
            return address.toString();
        } catch (ProviderException e) {
            if (storageStart.launched()) {
                try {
                    storage.stop(AGENT_STOP_TIMEOUT);
                } catch (ProviderException stopFailure) {
                    e.addSuppressed(stopFailure); // the user is told what failed first
                }
            }
            throw e;
        }
    }

    /**
     * Refuses to start a state server of another size than the one holding the environment's data:
     * an ensemble where a single server's data is, the reverse, or an ensemble of another size.
     */
    private void checkServerCount() {
        int had = Files.exists(layout.ensembleFile()) ? ZooKeeperEnsemble.read(layout.ensembleFile())
                .map(e -> e.members().size()).orElse(local.zooKeeperServers())
                : Files.exists(layout.zooKeeperDir()) ? 1 : local.zooKeeperServers();
        if (had != local.zooKeeperServers()) {
            throw new ProviderException("environment '" + config.name() + "' was bootstrapped with " + had
                    + " ZooKeeper server" + (had == 1 ? "" : "s") + ", not " + local.zooKeeperServers()
                    + "; set zookeeper-servers back to " + had);
        }
    }

    private SupervisedAgent provisioningAgent(String zooKeeperAddress) {
        Path dir = layout.provisioningAgentDir();
        return new SupervisedAgent(dir, "provisioning agent of environment '" + config.name() + "'",
                List.of("provisioning", "--zookeeper", zooKeeperAddress, "--dir", dir.toString()), PROVISIONING_OUTPUT);
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
