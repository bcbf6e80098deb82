package org.juju.provider;

import java.util.Objects;
import org.juju.state.model.MachineId;

/**
 * A machine as the provider sees it: its provider-specific instance id, the machine id it was
 * started for (so a takeover can reconcile the provider's list with the tree), its address (may be
 * empty while it starts) and its state as the provider reports it ({@code pending}, {@code running},
 * {@code stopped}).
 */
public record Instance(String instanceId, MachineId machine, String address, String state) {
    public Instance {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(machine, "machine");
        address = address == null ? "" : address;
        state = state == null ? "pending" : state;
    }
}
