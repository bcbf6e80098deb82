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
 * ({@link Identities}); an identity without an id ({@link #digest} empty) gets no ACL entry.
 */
public interface AccessView {
    /** The ACL id ({@code name:hash}) of identity {@code name}, if it exists now. */
    Optional<String> digest(String name);

    /** The unit identities of {@code service}'s units. */
    Set<String> unitsOfService(ServiceName service);

    /** The machine identities of the machines {@code service}'s units are assigned to. */
    Set<String> machinesOfService(ServiceName service);

    /** The unit identities of the units of the relation's services. */
    Set<String> unitsOfRelation(RelationId relation);

    /** The machine identities of the machines of those units. */
    Set<String> machinesOfRelation(RelationId relation);

    /** The unit identities of the units of the services whose charm is {@code quotedUrl}. */
    Set<String> unitsOfCharm(String quotedUrl);

    /** The machine identities of the machines of those units. */
    Set<String> machinesOfCharm(String quotedUrl);

    /** The unit identities of the units assigned to machine {@code machine}. */
    Set<String> unitsOnMachine(MachineId machine);

    /** The machine identity of the machine {@code unit} is assigned to, if any. */
    Optional<String> machineOfUnit(UnitName unit);

    /** Every machine identity. */
    Set<String> allMachines();

    /** Every unit identity. */
    Set<String> allUnits();
}
