package org.juju.agents.provisioning;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.juju.provider.Instance;
import org.juju.provider.MachineProvider;
import org.juju.provider.MachineSpec;
import org.juju.provider.Port;

/**
 * One provisioning agent's view of a shared {@link InMemoryMachines} cloud, whose calls can be held
 * at a gate: a slow provider API. Every call is recorded in {@link #calls} (reads too). Once
 * {@link #holdNext} is armed, the next {@code listMachines} or {@code startMachine} (as chosen)
 * waits at the gate until {@link #release}; a start held there creates its instance only when
 * released, as {@code i-N-<suffix>}, so two agents starting one machine leave two instances.
 */
final class GatedMachines implements MachineProvider {
    /** The calls that can be held. */
    enum Gate { LIST, START }

    final List<String> calls = new CopyOnWriteArrayList<>();
    private final InMemoryMachines cloud;
    private final String suffix;
    private volatile Gate armed;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    GatedMachines(InMemoryMachines cloud, String suffix) {
        this.cloud = cloud;
        this.suffix = suffix;
    }

    /** Holds the next call of kind {@code gate} until {@link #release}. */
    void holdNext(Gate gate) {
        armed = gate;
    }

    /** Waits until a call is held at the gate. */
    boolean awaitHeld() throws InterruptedException {
        return entered.await(20, TimeUnit.SECONDS);
    }

    /** Lets the held call go on. */
    void release() {
        released.countDown();
    }

    private void gate(Gate kind) {
        if (armed != kind) {
            return;
        }
        armed = null;
        entered.countDown();
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Instance startMachine(MachineSpec spec) {
        calls.add("start " + spec.id());
        if (armed == Gate.START) {
            gate(Gate.START);
            Instance late = new Instance("i-" + spec.id() + "-" + suffix, spec.id(), "10.0.1." + spec.id(), "running");
            cloud.instances.put(late.instanceId(), late);
            return late;
        }
        return cloud.startMachine(spec);
    }

    @Override
    public void stopMachine(String instanceId) {
        calls.add("stop " + instanceId);
        cloud.stopMachine(instanceId);
    }

    @Override
    public List<Instance> listMachines() {
        calls.add("list");
        List<Instance> instances = cloud.listMachines();
        gate(Gate.LIST);
        return instances;
    }

    @Override
    public void setOpenPorts(String instanceId, Set<Port> open) {
        calls.add("ports " + instanceId);
        cloud.setOpenPorts(instanceId, open);
    }

    @Override
    public Set<Port> openPorts(String instanceId) {
        calls.add("open-ports " + instanceId);
        return cloud.openPorts(instanceId);
    }
}
