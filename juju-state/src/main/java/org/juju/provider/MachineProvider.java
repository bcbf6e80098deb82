package org.juju.provider;

import java.util.List;
import java.util.Set;

/**
 * Machine operations of a provider, used by the provisioning agent only. Implementations must be
 * idempotent where said, because a provisioning agent that took over from a dead one replays
 * intent recorded in the tree.
 */
public interface MachineProvider {
    /**
     * Starts a machine whose machine agent will connect to {@code spec.zooKeeper()} as machine
     * {@code spec.id()}. If an instance for that machine id already exists, returns it instead of
     * starting another.
     *
     * @throws org.juju.state.error.ProviderException if it cannot be started
     */
    Instance startMachine(MachineSpec spec);

    /**
     * How many {@link #startMachine} calls (for different machines) the provisioning agent may make
     * at once: more than 1 only if the provider is safe and faster so. Default: 1, one at a time.
     */
    default int maxConcurrentStarts() {
        return 1;
    }

    /** Stops and removes the instance (with everything running on it). Idempotent. */
    void stopMachine(String instanceId);

    /** Every instance this environment's provider started and that still exists. */
    List<Instance> listMachines();

    /**
     * Called by the acting provisioning agent after each of its rounds: a provider may prepare
     * capacity ahead of need here (such as booted spare instances that a later
     * {@link #startMachine} takes over, so that machines start sooner). Must not start or stop
     * machines of the tree, nor make {@link #listMachines} list what it prepares. May throw
     * {@link org.juju.state.error.ProviderException}; the caller logs it and carries on. Default:
     * nothing.
     */
    default void prepareAhead() {
    }

    /** Makes the instance's firewall open exactly {@code ports} (the others are closed). */
    void setOpenPorts(String instanceId, Set<Port> ports);

    /** The ports the instance's firewall opens now. */
    Set<Port> openPorts(String instanceId);
}
