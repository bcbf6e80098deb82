package org.juju.state;

import org.juju.state.store.StateStore;

/**
 * Entry point to an environment's state: one object per entity family, all over one
 * {@link StateStore}. Thread-safe; cheap to create.
 */
public final class JujuState {
    private final StateStore store;

    public JujuState(StateStore store) {
        this.store = store;
    }

    public StateStore store() {
        return store;
    }

    public EnvironmentState environment() {
        return new EnvironmentState(store);
    }

    public CharmState charms() {
        return new CharmState(store);
    }

    public ServiceState services() {
        return new ServiceState(store);
    }

    public UnitState units() {
        return new UnitState(store);
    }

    public RelationState relations() {
        return new RelationState(store);
    }

    public MachineState machines() {
        return new MachineState(store);
    }

    /** {@code juju debug-hooks} requests of units. */
    public DebugHooksState debugHooks() {
        return new DebugHooksState(store);
    }

    public StatusReader status() {
        return new StatusReader(store);
    }
}
