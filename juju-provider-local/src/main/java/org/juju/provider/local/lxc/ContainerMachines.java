package org.juju.provider.local.lxc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.juju.provider.Instance;
import org.juju.provider.MachineProvider;
import org.juju.provider.MachineSpec;
import org.juju.provider.Port;
import org.juju.provider.local.CredentialFile;
import org.juju.provider.local.FirewallFile;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.error.ProviderException;
import org.juju.state.io.AtomicFiles;
import org.juju.state.model.MachineId;
import org.juju.state.security.Credential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Machines of a local environment as LXC containers on this host. Machine N is the container
 * {@code juju-<environment>-<tag>-<N>} (also its instance id), an overlay snapshot of the
 * {@link ContainerTemplate}, on the environment's {@link Bridge} with the static address
 * {@code P.h} (the lowest free {@code h} from 10), booted with systemd. Its machine agent is the
 * systemd service {@value #AGENT_SERVICE} written into the container before its first start:
 * {@code AgentMain machine --id N --zookeeper Z --dir /var/lib/juju/machines/N} on the host's Java
 * and classpath, bind-mounted read-only ({@link AgentMounts}); systemd restarts it. Unit agents
 * are its children, inside the container. apt in the container goes through the environment's
 * apt cache when there is one.
 *
 * <p>Spare containers: {@link #prepareAhead} keeps {@code spares} containers
 * {@code juju-<environment>-<tag>-spare-<millis>} booted ahead of need, whose service runs
 * {@code AgentMain spare-machine --assignment-file /var/lib/juju/assignment} (a warm JVM, with a
 * warm spare unit agent, that knows no machine yet). {@link #startMachine} takes the oldest running
 * spare over: it records the machine id in {@value #MACHINE_FILE} in the container's LXC directory
 * and writes the machine agent's arguments into {@code /var/lib/juju/assignment} inside, so the
 * machine is up without a container boot or a JVM start; its instance id stays the spare's name. A
 * container belongs to the machine its {@value #MACHINE_FILE} names ({@code juju-<environment>-<tag>-<N>}
 * also when it has none); spares are not machines: {@link #listMachines} leaves them out.
 *
 * <p>Identities: a machine agent given an identity ({@link MachineSpec#identity()}) finds it as
 * {@code /var/lib/juju/machines/N/credential} inside its container (mode 0600, owned by root, as
 * which the agent runs): written into the new container's overlay before its first start, or, for
 * a spare taken over, through {@code lxc-attach} (the identity on its stdin) before the assignment.
 * The file stays in the container's overlay across restarts.
 *
 * <p>The firewall is recorded only ({@code firewall.yaml} in the container's LXC directory): every
 * port of a container is reachable from this host. Thread-safe (starts and stops are serialized).
 */
public final class ContainerMachines implements MachineProvider {
    /** The machine agent's systemd service in each container. */
    public static final String AGENT_SERVICE = "juju-machine-agent.service";
    /** Where machine directories are inside containers. */
    public static final String MACHINES_DIR = "/var/lib/juju/machines";
    /** The file, in a container's LXC directory, naming the machine it is (a spare taken over). */
    static final String MACHINE_FILE = "juju-machine";
    /** Where a spare container's agent waits for its assignment, inside the container. */
    static final String ASSIGNMENT_FILE = "/var/lib/juju/assignment";
    private static final java.time.Duration ATTACH_TIMEOUT = java.time.Duration.ofSeconds(30);
    /**
     * The script that hands a spare container its machine, run inside with {@code sh -c}:
     * {@code $1} the assignment, {@code $2} the assignment file, {@code $3} the machine directory
     * whose {@code credential} is first written from stdin (mode 0600), or empty for none.
     */
    private static final String HAND_OVER = "set -e; if [ -n \"$3\" ]; then mkdir -p \"$3\";"
            + " rm -f \"$3/.credential.tmp\"; (umask 077; cat > \"$3/.credential.tmp\");"
            + " mv -f \"$3/.credential.tmp\" \"$3/" + Credential.FILE_NAME + "\"; fi;"
            + " printf '%s' \"$1\" > \"$2.tmp\"; mv -f \"$2.tmp\" \"$2\"";
    private static final Logger LOG = LoggerFactory.getLogger(ContainerMachines.class);
    private static final Pattern OVERLAY = Pattern.compile("(?m)^lxc\\.rootfs\\.path\\s*=\\s*overlay\\S*:[^:\\s]+:(\\S+)$");
    private static final Pattern ADDRESS = Pattern.compile("(?m)^lxc\\.net\\.0\\.ipv4\\.address\\s*=\\s*([0-9.]+)/24$");

    private final String environment;
    private final Lxc lxc;
    private final ContainerTemplate template;
    private final Bridge bridge;
    private final AgentCommand agent;
    private final Supplier<Optional<String>> aptProxy;
    private final Path logDir;
    private final int spares;

    /**
     * @param agent    how the machine agent is started (Java, options, classpath, mounts)
     * @param aptProxy the apt cache's {@code host:port}, if the environment has one (asked at each start)
     * @param logDir   where each container's LXC log goes ({@code <name>.log})
     * @param spares   how many spare containers {@link #prepareAhead} keeps
     */
    public ContainerMachines(String environment, Lxc lxc, ContainerTemplate template, Bridge bridge, AgentCommand agent,
                             Supplier<Optional<String>> aptProxy, Path logDir, int spares) {
        this.spares = spares;
        this.environment = Objects.requireNonNull(environment, "environment");
        this.lxc = Objects.requireNonNull(lxc, "lxc");
        this.template = Objects.requireNonNull(template, "template");
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.agent = Objects.requireNonNull(agent, "agent");
        this.aptProxy = Objects.requireNonNull(aptProxy, "aptProxy");
        this.logDir = Objects.requireNonNull(logDir, "logDir");
    }

    /** The container, and instance id, of machine {@code id}. */
    public String containerName(MachineId id) {
        return prefix() + id;
    }

    /**
     * Starts machine {@code spec.id()}'s container: returns its container as is if it runs (starting
     * it if it is stopped); else takes the oldest running spare over; else clones, configures and
     * starts a new container {@code juju-<environment>-<tag>-<N>}.
     *
     * @throws ProviderException if the template is not built, or a step fails (a container this
     *                           call created is destroyed again)
     */
    @Override
    public synchronized Instance startMachine(MachineSpec spec) {
        Optional<String> existing = containerOf(spec.id());
        if (existing.isPresent()) {
            if (!lxc.isRunning(existing.get())) {
                lxc.start(existing.get(), log(existing.get()));
            }
            return instance(existing.get(), spec.id());
        }
        for (String spare : spares()) {
            if (takeOver(spare, spec)) {
                LOG.info("machine {} is the spare container {}", spec.id(), spare);
                return instance(spare, spec.id());
            }
        }
        String name = containerName(spec.id());
        create(name, Optional.of(spec));
        LOG.info("started container {} for machine {}", name, spec.id());
        return instance(name, spec.id());
    }

    /**
     * Keeps {@code spares} spare containers: destroys spares that are not running and creates new
     * ones (each returns once the container is started; it boots in the background).
     */
    @Override
    public synchronized void prepareAhead() {
        if (spares == 0 || !template.isReady()) {
            return;
        }
        int live = 0;
        java.util.Set<String> running = lxc.running();
        for (String spare : spares()) {
            if (running.contains(spare)) {
                live++;
            } else {
                LOG.info("destroying the stopped spare container {}", spare);
                lxc.destroy(spare);
            }
        }
        for (; live < spares; live++) {
            String name = prefix() + "spare-" + System.currentTimeMillis();
            while (lxc.exists(name)) {
                name = name + "0";
            }
            create(name, Optional.empty());
            LOG.info("started the spare container {}", name);
        }
    }

    /**
     * Kills and destroys the container. Idempotent.
     *
     * @throws InvalidInputException if {@code instanceId} is not a container of this environment
     */
    @Override
    public synchronized void stopMachine(String instanceId) {
        if (instanceId == null || !instanceId.startsWith(prefix())) {
            throw new InvalidInputException("'" + instanceId + "' is not a container of environment '" + environment
                    + "' (expected " + prefix() + "...)");
        }
        lxc.destroy(instanceId);
    }

    /**
     * Every machine container of this environment (spares left out), with its address and state
     * ({@code running} or {@code stopped}).
     */
    @Override
    public List<Instance> listMachines() {
        java.util.Set<String> running = lxc.running();
        List<Instance> instances = new ArrayList<>();
        for (String name : containers()) {
            machineOf(name).ifPresent(id -> instances.add(instance(name, id, running.contains(name))));
        }
        return instances;
    }

    /** Starts every stopped machine container of this environment (after this host restarted); returns how many. */
    public synchronized int startStopped() {
        int started = 0;
        for (String name : containers()) {
            if (machineOf(name).isPresent() && !lxc.isRunning(name)) {
                lxc.start(name, log(name));
                started++;
            }
        }
        return started;
    }

    /** Destroys every container of this environment; returns how many there were. */
    public synchronized int destroyAll() {
        List<String> names = containers();
        names.forEach(lxc::destroy);
        return names.size();
    }

    /** Records {@code ports} for the container (nothing is enforced). */
    @Override
    public void setOpenPorts(String instanceId, Set<Port> ports) {
        FirewallFile.write(existingDir(instanceId), ports);
    }

    @Override
    public Set<Port> openPorts(String instanceId) {
        return FirewallFile.read(existingDir(instanceId));
    }

    /** The names of every container of this environment, machines and spares, sorted. */
    List<String> containers() {
        return lxc.names().stream().filter(name -> name.startsWith(prefix())).toList();
    }

    /** The spare containers not taken over yet, oldest first. */
    List<String> spares() {
        return containers().stream().filter(name -> name.startsWith(prefix() + "spare-") && machineOf(name).isEmpty())
                .sorted(java.util.Comparator.comparing(String::length).thenComparing(java.util.Comparator.naturalOrder()))
                .toList();
    }

    /** The container of machine {@code id}, if there is one. */
    private Optional<String> containerOf(MachineId id) {
        return containers().stream().filter(name -> machineOf(name).filter(id::equals).isPresent()).findFirst();
    }

    /**
     * Clones, configures and starts container {@code name}: machine {@code spec}'s, or a spare when
     * empty. A container left half-made is destroyed.
     */
    private void create(String name, Optional<MachineSpec> spec) {
        if (!template.isReady()) {
            throw new ProviderException("the container template " + template.name() + " is not built (juju bootstrap builds it)");
        }
        int host = freeHostNumber();
        lxc.snapshot(template.name(), name);
        try {
            configure(name, spec, host);
            lxc.start(name, log(name));
        } catch (IOException | RuntimeException e) {
            try {
                lxc.destroy(name);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e instanceof ProviderException p ? p
                    : new ProviderException("cannot start container " + name + ": " + e, e);
        }
    }

    /**
     * Makes the running spare {@code spare} machine {@code spec}: records the machine id beside its
     * configuration, then, in one {@code lxc-attach}, writes the machine agent's identity (if the
     * spec has one) as {@code credential} in its machine directory inside, mode 0600, and only then
     * hands its agent the machine agent's arguments. The identity goes through the command's stdin,
     * never its arguments.
     *
     * @return false if the spare does not run or cannot be reached (it is left for
     *         {@link #prepareAhead} to clean up)
     */
    private boolean takeOver(String spare, MachineSpec spec) {
        if (!lxc.isRunning(spare)) {
            return false;
        }
        try {
            AtomicFiles.writeString(lxc.dir(spare).resolve(MACHINE_FILE), spec.id() + "\n");
        } catch (IOException e) {
            throw new ProviderException("cannot write " + lxc.dir(spare).resolve(MACHINE_FILE) + ": " + e.getMessage(), e);
        }
        Path machineDir = Path.of(MACHINES_DIR, spec.id().toString());
        String assignment = org.juju.provider.local.SpareAssignment.text(agent.machineArguments(spec, machineDir));
        List<String> command = List.of("sh", "-c", HAND_OVER, "sh", assignment, ASSIGNMENT_FILE,
                spec.identity().isPresent() ? machineDir.toString() : "");
        HostCommand.Result written = spec.identity().isPresent()
                ? lxc.attach(spare, ATTACH_TIMEOUT, command, spec.identity().get().text().getBytes(StandardCharsets.UTF_8))
                : lxc.attach(spare, ATTACH_TIMEOUT, command);
        if (written.status() != 0) {
            LOG.warn("cannot hand spare container {} its assignment: {}", spare, written.lastLine());
            try {
                Files.deleteIfExists(lxc.dir(spare).resolve(MACHINE_FILE));
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", lxc.dir(spare).resolve(MACHINE_FILE), e.toString());
            }
            return false;
        }
        return true;
    }

    private void configure(String name, Optional<MachineSpec> spec, int host) throws IOException {
        Path config = lxc.config(name);
        String original = Files.readString(config, StandardCharsets.UTF_8);
        Matcher overlay = OVERLAY.matcher(original);
        if (!overlay.find()) {
            throw new ProviderException("container " + name + " is not an overlay snapshot (" + config + ")");
        }
        Path upper = Path.of(overlay.group(1));
        AtomicFiles.writeString(config, ContainerConfig.rewrite(original, environment,
                spec.map(s -> "machine " + s.id()).orElse("a spare machine"), bridge, host, agent.mounts()));
        Path unit = inside(upper, Path.of("/etc/systemd/system", AGENT_SERVICE));
        Files.createDirectories(unit.getParent());
        if (spec.isPresent()) {
            Path machineDir = Path.of(MACHINES_DIR, spec.get().id().toString());
            Files.createDirectories(inside(upper, machineDir));
            CredentialFile.write(spec.get().identity(), inside(upper, machineDir));
            AtomicFiles.writeString(unit, agent.systemdService(environment, spec.get(), machineDir));
            AtomicFiles.writeString(lxc.dir(name).resolve(MACHINE_FILE), spec.get().id() + "\n");
        } else {
            Path spareDir = Path.of(ASSIGNMENT_FILE).getParent();
            Files.createDirectories(inside(upper, spareDir));
            AtomicFiles.writeString(unit, agent.spareService(environment, spareDir, Path.of(ASSIGNMENT_FILE)));
        }
        Path wants = inside(upper, Path.of("/etc/systemd/system/multi-user.target.wants", AGENT_SERVICE));
        Files.createDirectories(wants.getParent());
        Files.createSymbolicLink(wants, Path.of("/etc/systemd/system", AGENT_SERVICE));
        Optional<String> proxy = aptProxy.get();
        if (proxy.isPresent()) {
            Path proxyConf = inside(upper, Path.of("/etc/apt/apt.conf.d/01juju-proxy"));
            Files.createDirectories(proxyConf.getParent());
            AtomicFiles.writeString(proxyConf,
                    "// Written by juju: apt goes through the environment's apt cache.\nAcquire::http::Proxy \"http://"
                            + proxy.get() + "\";\n");
        }
    }

    private static Path inside(Path rootfs, Path absolute) {
        return rootfs.resolve(absolute.toString().substring(1));
    }

    private int freeHostNumber() {
        Set<Integer> used = new TreeSet<>();
        for (String name : containers()) {
            address(name).map(address -> Integer.parseInt(address.substring(address.lastIndexOf('.') + 1)))
                    .ifPresent(used::add);
        }
        for (int host = 10; host <= 254; host++) {
            if (!used.contains(host)) {
                return host;
            }
        }
        throw new ProviderException("no free address on bridge " + bridge + ": 245 containers run already");
    }

    private Optional<String> address(String name) {
        try {
            Matcher matcher = ADDRESS.matcher(Files.readString(lxc.config(name), StandardCharsets.UTF_8));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Instance instance(String name, MachineId id) {
        return instance(name, id, lxc.isRunning(name));
    }

    private Instance instance(String name, MachineId id, boolean running) {
        return new Instance(name, id, address(name).orElse(""), running ? "running" : "stopped");
    }

    private Path log(String name) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new ProviderException("cannot create " + logDir + ": " + e.getMessage(), e);
        }
        return logDir.resolve(name + ".log");
    }

    /**
     * What the names of this environment's containers start with: {@code juju-<environment>-<tag>-},
     * the tag being the bridge's (so from the data directory), so that two environments of one name
     * (in two {@code JUJU_HOME}s) never share a container name.
     */
    private String prefix() {
        return "juju-" + environment + "-" + bridge.name().substring(2, 6) + "-";
    }

    /**
     * The machine container {@code name} is: the one its {@value #MACHINE_FILE} names, else the
     * number its name ends with ({@code juju-<environment>-<tag>-<N>}); empty for a spare.
     */
    private Optional<MachineId> machineOf(String name) {
        Path file = lxc.dir(name).resolve(MACHINE_FILE);
        try {
            if (Files.exists(file)) {
                return Optional.of(MachineId.parse(Files.readString(file, StandardCharsets.UTF_8).trim()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read {}: {}", file, e.toString());
        }
        return Optional.of(name.substring(prefix().length())).filter(text -> text.matches("\\d{1,9}"))
                .map(MachineId::parse);
    }

    private Path existingDir(String instanceId) {
        if (instanceId == null || !instanceId.startsWith(prefix())) {
            throw new InvalidInputException("'" + instanceId + "' is not a container of environment '" + environment
                    + "' (expected " + prefix() + "...)");
        }
        if (!lxc.exists(instanceId)) {
            throw new NotFoundException("instance " + instanceId + " does not exist");
        }
        return lxc.dir(instanceId);
    }
}
