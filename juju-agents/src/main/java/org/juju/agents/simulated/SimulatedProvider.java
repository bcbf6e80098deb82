package org.juju.agents.simulated;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.juju.agents.provisioning.ProvisioningAgent;
import org.juju.provider.CharmStorage;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.MachineSpec;
import org.juju.provider.ProgressListener;
import org.juju.provider.Provider;
import org.juju.provider.StateServer;
import org.juju.state.io.FileTrees;
import org.juju.state.model.MachineId;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;

/**
 * A provider whose environment runs entirely in this JVM: {@link #bootstrap} starts an in-process
 * ZooKeeper server ({@link InProcessZooKeeper}; or, when the configuration's
 * {@value #ZOOKEEPER_KEY} is {@code process}, a server in a process of its own,
 * {@link ZooKeeperProcess}), the real provisioning agent and machine 0's real
 * machine agent, each on a thread with its own ZooKeeper session ({@link InProcessAgent}); machines
 * are {@link SimulatedMachines}; the charm storage is a directory. With an {@code admin-secret}
 * the agents get the identities a local environment gives them (credential files derived from the
 * secret, written before they start).
 *
 * <p>The provisioning agent builds its provider from the environment's configuration, as a real
 * one does: the key {@value SimulatedProviderFactory#SIMULATION_KEY} there names this provider in
 * this JVM's registry ({@link SimulatedProviderFactory}). Everything is in {@code root}: {@code zookeeper/},
 * {@code storage/}, {@code provisioning/}, {@code machines/N/}; the machines' directories go to the
 * configuration's {@value #MACHINES_DIR_KEY} instead when it names one (such as a directory in memory,
 * so that a thousand simulated machines do not share one disk's journal with ZooKeeper's log).
 * {@link #destroy} deletes both. Thread-safe.
 */
public final class SimulatedProvider implements Provider {
    /** The configuration key of the directory that holds the machines' directories, if not {@code root/machines}. */
    public static final String MACHINES_DIR_KEY = "machines-dir";
    /** The configuration key saying where ZooKeeper runs: {@code in-process} (the default) or {@code process}. */
    public static final String ZOOKEEPER_KEY = "zookeeper";
    private final EnvironmentConfig config;
    private final Path root;
    private final Path machinesDir;
    private final Optional<String> adminSecret;
    private final SimulatedZooKeeper.Mode zooKeeperMode;
    private final AgentCounter counter = new AgentCounter();
    private final SimulatedMachines machines;
    private final DirectoryCharmStorage storage;
    private SimulatedZooKeeper zooKeeper;
    private InProcessAgent provisioning;

    SimulatedProvider(EnvironmentConfig config, Path root) {
        this.config = Objects.requireNonNull(config, "config");
        this.root = root.toAbsolutePath().normalize();
        this.adminSecret = config.optionalString("admin-secret");
        this.zooKeeperMode = config.optionalString(ZOOKEEPER_KEY).map(SimulatedZooKeeper.Mode::of)
                .orElse(SimulatedZooKeeper.Mode.IN_PROCESS);
        this.machinesDir = config.optionalString(MACHINES_DIR_KEY).map(Path::of).orElse(this.root.resolve("machines"))
                .toAbsolutePath().normalize();
        this.machines = new SimulatedMachines(machinesDir, counter);
        this.storage = new DirectoryCharmStorage(this.root.resolve("storage"));
    }

    /** The directory holding the machines' directories ({@code N/} for machine N). */
    public Path machinesDir() {
        return machinesDir;
    }

    @Override
    public EnvironmentConfig config() {
        return config;
    }

    /**
     * Starts ZooKeeper, the provisioning agent and machine 0's agent unless they run; returns once
     * ZooKeeper serves (the agents wait for the initialized tree by themselves).
     */
    @Override
    public synchronized StateServer bootstrap(ProgressListener progress) {
        if (zooKeeper != null) {
            return new StateServer(zooKeeper.connectString());
        }
        zooKeeper = SimulatedZooKeeper.start(zooKeeperMode, root.resolve("zookeeper"));
        String address = zooKeeper.connectString();
        progress.progress("ZooKeeper is serving at " + address);
        Path provisioningDir = root.resolve("provisioning");
        adminSecret.map(Identities::provisioningAgent).ifPresent(identity -> write(identity, provisioningDir));
        counter.started();
        provisioning = InProcessAgent.start(Identities.PROVISIONING, address, provisioningDir,
                context -> new ProvisioningAgent(context).run(), counter::stopped);
        progress.progress("started the provisioning agent");
        String series = config.optionalString("default-series").orElse("bookworm");
        machines.startMachine(new MachineSpec(MachineId.BOOTSTRAP, series, address,
                adminSecret.map(Identities::bootstrapMachineAgent)));
        progress.progress("started the machine agent of machine 0");
        return new StateServer(address);
    }

    @Override
    public synchronized Optional<StateServer> stateServer() {
        return Optional.ofNullable(zooKeeper).map(server -> new StateServer(server.connectString()));
    }

    @Override
    public CharmStorage charmStorage() {
        return storage;
    }

    @Override
    public SimulatedMachines machines() {
        return machines;
    }

    /** The ZooKeeper server, once bootstrapped. */
    public synchronized Optional<SimulatedZooKeeper> zooKeeper() {
        return Optional.ofNullable(zooKeeper);
    }

    /** How many agents (provisioning, machine and unit agents) run now. */
    public int liveAgents() {
        return counter.live();
    }

    /**
     * Stops the provisioning agent first (so that it starts nothing meanwhile), then every machine
     * with its unit agents, then ZooKeeper; deletes {@code root} and forgets this provider in the
     * registry. Idempotent.
     */
    @Override
    public synchronized void destroy(ProgressListener progress) {
        if (provisioning != null) {
            provisioning.stop();
            provisioning = null;
            progress.progress("stopped the provisioning agent");
        }
        machines.stopAll();
        progress.progress("stopped every machine");
        if (zooKeeper != null) {
            zooKeeper.close();
            zooKeeper = null;
            progress.progress("stopped ZooKeeper");
        }
        SimulatedProviderFactory.forget(this);
        FileTrees.deleteQuietly(machinesDir, true);
        FileTrees.deleteQuietly(root, true);
    }

    private static void write(AgentIdentity identity, Path agentDir) {
        identity.writeTo(agentDir.resolve(Credential.FILE_NAME));
    }
}
