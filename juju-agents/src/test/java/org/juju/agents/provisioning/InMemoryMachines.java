package org.juju.agents.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.juju.provider.Instance;
import org.juju.provider.MachineProvider;
import org.juju.provider.MachineSpec;
import org.juju.provider.Port;
import org.juju.state.error.ProviderException;

/**
 * A cloud in memory for provisioning tests: records every call, starts instances at once, or fails
 * every start while {@link #startFailure} is set.
 */
final class InMemoryMachines implements MachineProvider {
    final Map<String, Instance> instances = new ConcurrentHashMap<>();
    final Map<String, Set<Port>> ports = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile String startFailure;
    /** What {@link #maxConcurrentStarts} says. */
    volatile int concurrentStarts = 1;
    /** When set, the start of every machine but 0 waits at it (up to 10 s, then fails). */
    volatile java.util.concurrent.CyclicBarrier startBarrier;
    /** Run at the start of every start, before anything else. */
    volatile java.util.function.Consumer<MachineSpec> onStart = spec -> { };

    @Override
    public int maxConcurrentStarts() {
        return concurrentStarts;
    }

    @Override
    public Instance startMachine(MachineSpec spec) {
        onStart.accept(spec);
        calls.add("start " + spec.id());
        java.util.concurrent.CyclicBarrier barrier = startBarrier;
        if (barrier != null && !spec.id().isBootstrap()) {
            try {
                barrier.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException | java.util.concurrent.BrokenBarrierException
                     | java.util.concurrent.TimeoutException e) {
                throw new ProviderException("the other starts did not come at the same time: " + e);
            }
        }
        if (startFailure != null) {
            throw new ProviderException(startFailure);
        }
        Instance instance = new Instance("i-" + spec.id(), spec.id(), "10.0.0." + spec.id(), "running");
        instances.put(instance.instanceId(), instance);
        return instance;
    }

    @Override
    public void stopMachine(String instanceId) {
        calls.add("stop " + instanceId);
        instances.remove(instanceId);
        ports.remove(instanceId);
    }

    @Override
    public List<Instance> listMachines() {
        return new ArrayList<>(instances.values());
    }

    @Override
    public void setOpenPorts(String instanceId, Set<Port> open) {
        calls.add("ports " + instanceId + " " + new java.util.TreeSet<>(open));
        ports.put(instanceId, Set.copyOf(open));
    }

    @Override
    public Set<Port> openPorts(String instanceId) {
        return ports.getOrDefault(instanceId, Set.of());
    }

    long starts() {
        return calls.stream().filter(c -> c.startsWith("start")).count();
    }
}
