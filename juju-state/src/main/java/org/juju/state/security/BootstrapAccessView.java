package org.juju.state.security;

import java.util.Optional;
import java.util.Set;
import org.juju.state.model.MachineId;

/**
 * The {@link AccessView} of the initial tree, written before it can be read: the bootstrap
 * identities ({@code admin}, {@code provisioning}, {@code machine-0}) and nothing else.
 */
public record BootstrapAccessView(IdentityKeys keys) implements AccessView {
    @Override
    public Optional<String> digest(String name) {
        return keys.fixedDigest(name);
    }

    @Override
    public Set<String> allMachines() {
        return Set.of(Identities.machine(MachineId.BOOTSTRAP));
    }
}
