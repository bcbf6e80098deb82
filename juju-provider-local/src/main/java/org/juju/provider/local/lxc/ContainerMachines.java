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
import org.juju.provider.local.FirewallFile;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.error.ProviderException;
import org.juju.state.io.AtomicFiles;
import org.juju.state.model.MachineId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Machines of a local environment as LXC containers on this host. Machine N is the container
 * {@code juju-<environment>-<N>} (also its instance id), an overlay snapshot of the
 * {@link ContainerTemplate}, on the environment's {@link Bridge} with the static address
 * {@code P.h} (the lowest free {@code h} from 10), booted with systemd. Its machine agent is the
 * systemd service {@value #AGENT_SERVICE} written into the container before its first start:
 * {@code AgentMain machine --id N --zookeeper Z --dir /var/lib/juju/machines/N} on the host's Java
 * and classpath, bind-mounted read-only ({@link AgentMounts}); systemd restarts it. Unit agents
 * are its children, inside the container. apt in the container goes through the environment's
 * apt cache when there is one.
 *
 * <p>The firewall is recorded only ({@code firewall.yaml} in the container's LXC directory): every
 * port of a container is reachable from this host. Thread-safe (starts and stops are serialized).
 */
public final class ContainerMachines implements MachineProvider {
    /** The machine agent's systemd service in each container. */
    public static final String AGENT_SERVICE = "juju-machine-agent.service";
    /** Where machine directories are inside containers. */
    public static final String MACHINES_DIR = "/var/lib/juju/machines";
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

    /**
     * @param agent    how the machine agent is started (Java, options, classpath, mounts)
     * @param aptProxy the apt cache's {@code host:port}, if the environment has one (asked at each start)
     * @param logDir   where each container's LXC log goes ({@code <name>.log})
     */
    public ContainerMachines(String environment, Lxc lxc, ContainerTemplate template, Bridge bridge, AgentCommand agent,
                             Supplier<Optional<String>> aptProxy, Path logDir) {
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
     * Starts machine {@code spec.id()}'s container: clones, configures and starts it if it does not
     * exist, starts it if it is stopped, returns it as is if it runs.
     *
     * @throws ProviderException if the template is not built, or a step fails (a container this
     *                           call created is destroyed again)
     */
    @Override
    public synchronized Instance startMachine(MachineSpec spec) {
        String name = containerName(spec.id());
        if (lxc.exists(name)) {
            if (!lxc.isRunning(name)) {
                lxc.start(name, log(name));
            }
            return instance(name, spec.id());
        }
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
        LOG.info("started container {} for machine {} at {}", name, spec.id(), bridge.address(host));
        return new Instance(name, spec.id(), bridge.address(host), "running");
    }

    /**
     * Kills and destroys the container. Idempotent.
     *
     * @throws InvalidInputException if {@code instanceId} is not a container of this environment
     */
    @Override
    public synchronized void stopMachine(String instanceId) {
        machineOf(instanceId);
        lxc.destroy(instanceId);
    }

    /** Every container of this environment, with its address and state ({@code running} or {@code stopped}). */
    @Override
    public List<Instance> listMachines() {
        List<Instance> instances = new ArrayList<>();
        for (String name : containers()) {
            instances.add(instance(name, machineOf(name)));
        }
        return instances;
    }

    /** Starts every stopped container of this environment (after this host restarted); returns how many. */
    public synchronized int startStopped() {
        int started = 0;
        for (String name : containers()) {
            if (!lxc.isRunning(name)) {
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

    /** The names of this environment's machine containers, sorted. */
    List<String> containers() {
        return lxc.names().stream().filter(name -> name.startsWith(prefix())
                && name.substring(prefix().length()).matches("\\d{1,9}")).toList();
    }

    private void configure(String name, MachineSpec spec, int host) throws IOException {
        Path config = lxc.config(name);
        String original = Files.readString(config, StandardCharsets.UTF_8);
        Matcher overlay = OVERLAY.matcher(original);
        if (!overlay.find()) {
            throw new ProviderException("container " + name + " is not an overlay snapshot (" + config + ")");
        }
        Path upper = Path.of(overlay.group(1));
        AtomicFiles.writeString(config, ContainerConfig.rewrite(original, environment, spec.id(), bridge, host,
                agent.mounts()));
        Path machineDir = Path.of(MACHINES_DIR, spec.id().toString());
        Files.createDirectories(inside(upper, machineDir));
        Path unit = inside(upper, Path.of("/etc/systemd/system", AGENT_SERVICE));
        Files.createDirectories(unit.getParent());
        AtomicFiles.writeString(unit, agent.systemdService(environment, spec, machineDir));
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
        String state = lxc.isRunning(name) ? "running" : "stopped";
        return new Instance(name, id, address(name).orElse(""), state);
    }

    private Path log(String name) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new ProviderException("cannot create " + logDir + ": " + e.getMessage(), e);
        }
        return logDir.resolve(name + ".log");
    }

    private String prefix() {
        return "juju-" + environment + "-";
    }

    private MachineId machineOf(String instanceId) {
        return Optional.ofNullable(instanceId).filter(text -> text.startsWith(prefix()))
                .map(text -> text.substring(prefix().length())).filter(text -> text.matches("\\d{1,9}"))
                .map(MachineId::parse)
                .orElseThrow(() -> new InvalidInputException("'" + instanceId + "' is not a container of environment '"
                        + environment + "' (expected " + prefix() + "N)"));
    }

    private Path existingDir(String instanceId) {
        machineOf(instanceId);
        if (!lxc.exists(instanceId)) {
            throw new NotFoundException("instance " + instanceId + " does not exist");
        }
        return lxc.dir(instanceId);
    }
}
