package org.juju.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.juju.provider.Instance;
import org.juju.provider.MachineProvider;
import org.juju.provider.MachineSpec;
import org.juju.provider.Port;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.error.ProviderException;
import org.juju.state.model.MachineId;
import org.juju.state.security.AgentIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Machines of a local environment as process trees on this host. Machine N is the directory
 * {@code <data-dir>/machines/N/} and a {@link SupervisorScript supervisor} running, in a session
 * of its own, the machine agent ({@code AgentMain machine --id N --zookeeper Z --dir <that dir>});
 * the unit agents the machine agent starts are its children, so the session holds everything the
 * machine runs. The machine agent's and the supervisor's output go to {@code machine-agent.log}.
 *
 * <p>Spare machines: {@link #prepareAhead} keeps {@code spares} machines booted ahead of need, each
 * a directory {@code <data-dir>/machines/spare-<millis>/} whose supervisor runs
 * {@code AgentMain spare-machine --assignment-file assignment}, a warmed-up agent JVM (with a warm
 * spare unit agent of its own) that knows no machine yet. {@link #startMachine} takes the oldest
 * spare over: it renames the spare's directory to the machine's and writes the machine agent's
 * arguments into {@value #ASSIGNMENT_FILE} there (the supervisor works with relative paths, and a
 * restarted agent JVM reads the same file), so the machine agent connects without a JVM start.
 * Spares are not machines: {@link #listMachines} leaves them out.
 *
 * <p>Identities: when the spec carries the machine agent's identity, {@link #startMachine} writes it
 * as the file {@code credential} in the machine directory ({@link CredentialFile}) before the
 * supervisor starts; when a spare is taken over, into the renamed directory before {@value #ASSIGNMENT_FILE}
 * (the agent reads it once it knows which machine it is). The file stays when the machine's agent
 * is restarted.
 *
 * <p>Instance ids are {@code process-<environment>-<N>}; every machine's address is
 * {@code 127.0.0.1}; its state is {@code running} while its supervisor lives. There is no firewall:
 * open ports are only recorded (see {@link FirewallFile}). Thread-safe.
 */
public final class ProcessMachines implements MachineProvider {
    /** The output file of a machine's supervisor and agent, in the machine directory. */
    public static final String OUTPUT_FILE = "machine-agent.log";
    /** The file in a spare machine's directory that hands its agent the machine agent's arguments. */
    static final String ASSIGNMENT_FILE = "assignment";
    /** How spare machines' directories start, in the machines directory. */
    static final String SPARE_PREFIX = "spare-";
    private static final Logger LOG = LoggerFactory.getLogger(ProcessMachines.class);
    private static final String ADDRESS = "127.0.0.1";

    private final String environment;
    private final DataDirLayout layout;
    private final SupervisedAgents agents;
    private final Duration stopTimeout;
    private final int spares;

    /** Machines of {@code environment} with no spare machines. */
    ProcessMachines(String environment, DataDirLayout layout, SupervisedAgents agents, Duration stopTimeout) {
        this(environment, layout, agents, stopTimeout, 0);
    }

    /** Machines of {@code environment}, keeping {@code spares} spare machines (see {@link #prepareAhead}). */
    ProcessMachines(String environment, DataDirLayout layout, SupervisedAgents agents, Duration stopTimeout,
                    int spares) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (spares < 0) {
            throw new IllegalArgumentException("spares must not be negative: " + spares);
        }
        this.spares = spares;
    }

    /**
     * Starts machine {@code spec.id()} unless its supervisor runs already (then returns it as is,
     * whatever ZooKeeper address it was started with): by taking a spare machine over if there is
     * one and the machine has no directory yet, else by starting its supervisor. Returns once the
     * supervisor runs; the machine agent connects on its own time.
     *
     * @throws ProviderException if the supervisor cannot be started
     */
    @Override
    public Instance startMachine(MachineSpec spec) {
        Path dir = layout.machineDir(spec.id());
        SupervisedAgent agent = machineAgent(spec.id(), spec.zooKeeper());
        if (!Files.exists(dir)) {
            for (Path spare : spareDirs()) {
                if (agents.takeOver(spare, dir, to -> CredentialFile.write(spec.identity(), to), ASSIGNMENT_FILE,
                        SpareAssignment.text(agent.arguments())).isPresent()) {
                    LOG.info("machine {} is the spare machine {}", spec.id(), spare.getFileName());
                    return instance(spec.id());
                }
            }
        }
        agents.start(agent, to -> CredentialFile.write(spec.identity(), to));
        return instance(spec.id());
    }

    /**
     * Keeps {@code spares} spare machines: removes spares whose supervisor is gone and starts new
     * ones (each returns once its supervisor runs; the JVM boots in the background). Failures are
     * logged: spares only save time.
     */
    @Override
    public void prepareAhead() {
        if (spares == 0) {
            return;
        }
        int live = 0;
        for (Path spare : spareDirs()) {
            if (SupervisedAgents.running(spare).isPresent()) {
                live++;
            } else {
                LOG.info("removing the dead spare machine {}", spare.getFileName());
                agents.remove(spare, stopTimeout);
            }
        }
        for (; live < spares; live++) {
            Path dir = newSpareDir();
            agents.start(new SupervisedAgent(dir, "spare machine of environment '" + environment + "'",
                    List.of("spare-machine", "--assignment-file", ASSIGNMENT_FILE), OUTPUT_FILE));
            LOG.info("started the spare machine {}", dir.getFileName());
        }
    }

    /** Stops and removes every spare machine; true if one ran. */
    boolean stopSpares() {
        boolean any = false;
        for (Path spare : spareDirs()) {
            any |= agents.remove(spare, stopTimeout);
        }
        return any;
    }

    /** The spare machines' directories, oldest first. */
    List<Path> spareDirs() {
        Path dir = layout.machinesDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().matches(SPARE_PREFIX + "\\d{1,19}"))
                    .sorted(java.util.Comparator.comparingLong(p -> Long.parseLong(
                            p.getFileName().toString().substring(SPARE_PREFIX.length()))))
                    .toList();
        } catch (IOException e) {
            throw new ProviderException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path newSpareDir() {
        long stamp = System.currentTimeMillis();
        while (true) {
            Path dir = layout.machinesDir().resolve(SPARE_PREFIX + stamp);
            try {
                Files.createDirectories(layout.machinesDir());
                return Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                stamp++;
            } catch (IOException e) {
                throw new ProviderException("cannot create " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Whether machine {@code id}'s supervisor was started by this call (false: it ran already). A
     * machine's credential file, if it has one, stays as it is.
     */
    boolean startIfNeeded(MachineId id, String zooKeeper) {
        return startIfNeeded(id, zooKeeper, Optional.empty());
    }

    /**
     * Like {@link #startIfNeeded(MachineId, String)}, first writing {@code identity}, if present,
     * as the machine agent's credential file (also when the agent runs already).
     */
    boolean startIfNeeded(MachineId id, String zooKeeper, Optional<AgentIdentity> identity) {
        return agents.start(machineAgent(id, zooKeeper), dir -> CredentialFile.write(identity, dir)).launched();
    }

    /**
     * Ends every process of the machine (SIGTERM, SIGKILL after the stop timeout) and deletes its
     * directory. Idempotent.
     *
     * @throws InvalidInputException if {@code instanceId} is not an instance id of this environment
     * @throws ProviderException     if a process survives or the directory cannot be deleted
     */
    @Override
    public void stopMachine(String instanceId) {
        stop(machineOf(instanceId));
    }

    /** Like {@link #stopMachine}, by machine id; true if something ran. */
    boolean stop(MachineId id) {
        return agents.remove(layout.machineDir(id), stopTimeout);
    }

    /** Every machine whose supervisor runs, by machine id. */
    @Override
    public List<Instance> listMachines() {
        return machineIds().stream()
                .filter(id -> SupervisedAgents.running(layout.machineDir(id)).isPresent())
                .map(this::instance)
                .toList();
    }

    /**
     * Records {@code ports} as the machine's open ports (nothing is enforced).
     *
     * @throws NotFoundException if the machine does not exist
     */
    @Override
    public void setOpenPorts(String instanceId, Set<Port> ports) {
        FirewallFile.write(existingDir(instanceId), ports);
    }

    /**
     * The ports recorded for the machine.
     *
     * @throws NotFoundException if the machine does not exist
     */
    @Override
    public Set<Port> openPorts(String instanceId) {
        return FirewallFile.read(existingDir(instanceId));
    }

    /** The instance id of machine {@code id}: {@code process-<environment>-<id>}. */
    public String instanceId(MachineId id) {
        return prefix() + id;
    }

    /** Every machine that has a directory, running or not, in id order. */
    List<MachineId> machineIds() {
        Path dir = layout.machinesDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<MachineId> ids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("\\d{1,9}")).forEach(name -> ids.add(MachineId.parse(name)));
        } catch (IOException e) {
            throw new ProviderException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        ids.sort(null);
        return ids;
    }

    private SupervisedAgent machineAgent(MachineId id, String zooKeeper) {
        Path dir = layout.machineDir(id);
        return new SupervisedAgent(dir, "machine agent of machine " + id + " of environment '" + environment + "'",
                List.of("machine", "--id", id.toString(), "--zookeeper", zooKeeper, "--dir", dir.toString()),
                OUTPUT_FILE);
    }

    private Instance instance(MachineId id) {
        return new Instance(instanceId(id), id, ADDRESS, "running");
    }

    private String prefix() {
        return "process-" + environment + "-";
    }

    private MachineId machineOf(String instanceId) {
        Optional<MachineId> id = Optional.ofNullable(instanceId).filter(text -> text.startsWith(prefix()))
                .map(text -> text.substring(prefix().length())).filter(text -> text.matches("\\d{1,9}"))
                .map(MachineId::parse);
        return id.orElseThrow(() -> new InvalidInputException("'" + instanceId + "' is not an instance of environment '"
                + environment + "' (expected " + prefix() + "N)"));
    }

    private Path existingDir(String instanceId) {
        Path dir = layout.machineDir(machineOf(instanceId));
        if (!Files.isDirectory(dir)) {
            throw new NotFoundException("instance " + instanceId + " does not exist");
        }
        return dir;
    }
}
