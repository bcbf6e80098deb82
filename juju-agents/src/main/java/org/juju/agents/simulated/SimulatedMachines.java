package org.juju.agents.simulated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.juju.agents.machine.MachineAgent;
import org.juju.provider.Instance;
import org.juju.provider.MachineProvider;
import org.juju.provider.MachineSpec;
import org.juju.provider.Port;
import org.juju.state.error.NotFoundException;
import org.juju.state.error.ProviderException;
import org.juju.state.io.FileTrees;
import org.juju.state.model.MachineId;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;

/**
 * The machines of a simulated environment: each one is a real {@link MachineAgent} run in this JVM
 * ({@link InProcessAgent}) whose unit agents are real unit agents run in this JVM too
 * ({@link InProcessUnitProcesses}). Machine N works in {@code <machines dir>/N}, where its identity
 * is written as the credential file before its agent starts, as a real provider hands it over.
 * Its instance id is {@code sim-N}, its address 127.0.0.1, its state {@code running}. Open ports
 * are only recorded. Failures can be injected: {@link #failNextStarts(int)} and
 * {@link #setStartDelay(Duration)}. Thread-safe.
 */
public final class SimulatedMachines implements MachineProvider {
    private static final String PREFIX = "sim-";
    private static final String ADDRESS = "127.0.0.1";
    private final Path machinesDir;
    private final AgentCounter counter;
    private final Map<String, SimulatedMachine> machines = new ConcurrentHashMap<>();
    private final Map<String, Set<Port>> openPorts = new ConcurrentHashMap<>();
    private final AtomicInteger failingStarts = new AtomicInteger();
    private final AtomicInteger startCalls = new AtomicInteger();
    private volatile Duration startDelay = Duration.ZERO;

    private record SimulatedMachine(Instance instance, InProcessAgent agent, Path dir) {
    }

    SimulatedMachines(Path machinesDir, AgentCounter counter) {
        this.machinesDir = Objects.requireNonNull(machinesDir, "machinesDir");
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    /** Makes the next {@code count} calls of {@link #startMachine} fail with a {@link ProviderException}. */
    public void failNextStarts(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        failingStarts.set(count);
    }

    /** Makes every later {@link #startMachine} take {@code delay} before it starts the machine (zero: none). */
    public void setStartDelay(Duration delay) {
        this.startDelay = Objects.requireNonNull(delay, "delay");
    }

    /**
     * 16: starting an in-process agent is quick and the provider is thread-safe; the provisioning
     * agent's recording of each start (a few ZooKeeper round trips) is what runs in parallel.
     */
    @Override
    public int maxConcurrentStarts() {
        return 16;
    }

    /** How many times {@link #startMachine} was called, failed ones included. */
    public int startCalls() {
        return startCalls.get();
    }

    /**
     * Starts machine {@code spec.id()}'s agent in this JVM unless it runs already (then returns it),
     * after the start delay, or fails if a failure was injected. Thread-safe: starts of different
     * machines run in parallel, two starts of one machine start one agent.
     *
     * @throws ProviderException for an injected failure, or if the credential file cannot be written
     */
    @Override
    public Instance startMachine(MachineSpec spec) {
        startCalls.incrementAndGet();
        String instanceId = PREFIX + spec.id();
        return machines.computeIfAbsent(instanceId, id -> start(spec, id)).instance();
    }

    private SimulatedMachine start(MachineSpec spec, String instanceId) {
        delay();
        if (failingStarts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ProviderException("simulated failure: cannot start machine " + spec.id());
        }
        Path dir = machinesDir.resolve(spec.id().toString());
        try {
            spec.identity().ifPresent(identity -> identity.writeTo(dir.resolve(Credential.FILE_NAME)));
        } catch (IllegalStateException e) {
            throw new ProviderException("cannot write the credential file of machine " + spec.id() + ": "
                    + e.getMessage(), e);
        }
        counter.started();
        InProcessAgent agent = InProcessAgent.start(Identities.machine(spec.id()), spec.zooKeeper(), dir,
                context -> new MachineAgent(context, c -> new InProcessUnitProcesses(c.zooKeeper(), counter)).run(),
                counter::stopped);
        return new SimulatedMachine(new Instance(instanceId, spec.id(), ADDRESS, "running"), agent, dir);
    }

    /** Stops the machine's agent and its unit agents (closing their sessions) and deletes its directory. Idempotent. */
    @Override
    public void stopMachine(String instanceId) {
        SimulatedMachine machine = machines.remove(instanceId);
        openPorts.remove(instanceId);
        if (machine != null) {
            machine.agent().stop();
            FileTrees.deleteQuietly(machine.dir(), true);
        }
    }

    /** Stops every machine, all at once. */
    void stopAll() {
        List<SimulatedMachine> stopping = new ArrayList<>(machines.values());
        machines.clear();
        openPorts.clear();
        stopping.forEach(machine -> machine.agent().requestStop());
        stopping.forEach(machine -> machine.agent().awaitStopped());
    }

    /** The machines started and not stopped, by machine id. */
    @Override
    public List<Instance> listMachines() {
        return machines.values().stream().map(SimulatedMachine::instance)
                .sorted(Comparator.comparing(Instance::machine)).toList();
    }

    /**
     * Records {@code ports} as the machine's open ports.
     *
     * @throws NotFoundException if there is no such machine
     */
    @Override
    public void setOpenPorts(String instanceId, Set<Port> ports) {
        existing(instanceId);
        openPorts.put(instanceId, Set.copyOf(ports));
    }

    /**
     * The ports recorded for the machine.
     *
     * @throws NotFoundException if there is no such machine
     */
    @Override
    public Set<Port> openPorts(String instanceId) {
        existing(instanceId);
        return openPorts.getOrDefault(instanceId, Set.of());
    }

    /** The instance id of machine {@code id}. */
    public static String instanceId(MachineId id) {
        return PREFIX + id;
    }

    private void existing(String instanceId) {
        if (!machines.containsKey(instanceId)) {
            throw new NotFoundException("instance " + instanceId + " does not exist");
        }
    }

    private void delay() {
        Duration delay = startDelay;
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while starting a machine", e);
        }
    }
}
