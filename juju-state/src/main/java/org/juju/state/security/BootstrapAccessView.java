package org.juju.state.security;

import java.util.Optional;
import java.util.Set;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;

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
    public Set<String> unitsOfService(ServiceName service) {
        return Set.of();
    }

    @Override
    public Set<String> machinesOfService(ServiceName service) {
        return Set.of();
    }

    @Override
    public Set<String> unitsOfRelation(RelationId relation) {
        return Set.of();
    }

    @Override
    public Set<String> machinesOfRelation(RelationId relation) {
        return Set.of();
    }

    @Override
    public Set<String> unitsOfCharm(String quotedUrl) {
        return Set.of();
    }

    @Override
    public Set<String> machinesOfCharm(String quotedUrl) {
        return Set.of();
    }

    @Override
    public Set<String> unitsOnMachine(MachineId machine) {
        return Set.of();
    }

    @Override
    public Optional<String> machineOfUnit(UnitName unit) {
        return Optional.empty();
    }

    @Override
    public Set<String> allMachines() {
        return Set.of(Identities.machine(MachineId.BOOTSTRAP));
    }

    @Override
    public Set<String> allUnits() {
        return Set.of();
    }
}
