package org.juju.provider;

import java.util.Objects;
import org.juju.state.model.MachineId;

/**
 * A machine as the provider sees it: its provider-specific instance id, the machine id it was
 * started for (so a takeover can reconcile the provider's list with the tree), its address (the
 * one the environment's other machines reach it on; may be empty while it starts), its state as
 * the provider reports it ({@code pending}, {@code running}, {@code stopped}) and its public
 * address (where users reach it; the address itself where a provider makes no difference, or
 * while the public one is not known yet).
 */
public record Instance(String instanceId, MachineId machine, String address, String state, String publicAddress) {
    public Instance {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(machine, "machine");
        address = address == null ? "" : address;
        state = state == null ? "pending" : state;
        publicAddress = publicAddress == null || publicAddress.isEmpty() ? address : publicAddress;
    }

    /** An instance whose public address is its address. */
    public Instance(String instanceId, MachineId machine, String address, String state) {
        this(instanceId, machine, address, state, address);
    }
}
