package org.juju.state.security;

import java.util.Optional;
import java.util.Set;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;

/**
 * What {@link AclPolicy} needs to know of the environment to compute a node's ACL: which
 * identities exist (and their ACL ids), and who relates to whom. Every set holds identity names
 * ({@link Identities}); an identity without an id ({@link #digest} empty) gets no ACL entry. The
 * defaults know nobody: a view that knows only part of the environment overrides what it knows.
 */
public interface AccessView {
    /** The ACL id ({@code name:hash}) of identity {@code name}, if it exists now. */
    Optional<String> digest(String name);

    /** The unit identities of {@code service}'s units. */
    default Set<String> unitsOfService(ServiceName service) {
        return Set.of();
    }

    /** The machine identities of the machines {@code service}'s units are assigned to. */
    default Set<String> machinesOfService(ServiceName service) {
        return Set.of();
    }

    /** The unit identities of the units of the relation's services. */
    default Set<String> unitsOfRelation(RelationId relation) {
        return Set.of();
    }

    /** The machine identities of the machines of those units. */
    default Set<String> machinesOfRelation(RelationId relation) {
        return Set.of();
    }

    /** The unit identities of the units of the services whose charm is {@code quotedUrl}. */
    default Set<String> unitsOfCharm(String quotedUrl) {
        return Set.of();
    }

    /** The machine identities of the machines of those units. */
    default Set<String> machinesOfCharm(String quotedUrl) {
        return Set.of();
    }

    /** The unit identities of the units assigned to machine {@code machine}. */
    default Set<String> unitsOnMachine(MachineId machine) {
        return Set.of();
    }

    /** The machine identity of the machine {@code unit} is assigned to, if any. */
    default Optional<String> machineOfUnit(UnitName unit) {
        return Optional.empty();
    }

    /** Every machine identity. */
    default Set<String> allMachines() {
        return Set.of();
    }

    /** Every unit identity. */
    default Set<String> allUnits() {
        return Set.of();
    }
}
