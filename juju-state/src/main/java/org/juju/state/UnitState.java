package org.juju.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.state.charm.CharmUrl;
import org.juju.state.error.AlreadyExistsException;
import org.juju.state.error.ConflictException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.Life;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitAgentState;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AclKeeper;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;
import org.juju.state.security.TreeAccessView;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import org.juju.state.store.Transaction;

/** Units: adding, removing, machine assignment and {@code resolved} requests. */
public final class UnitState {
    /** The key of the unit agent's password in its assignment marker. */
    private static final String CREDENTIAL = "credential";
    private final StateStore store;

    public UnitState(StateStore store) {
        this.store = store;
    }

    /**
     * Adds {@code count} units to a live service; numbers continue from the highest ever used.
     *
     * @throws NotFoundException if the service does not exist
     * @throws ConflictException if the service is being destroyed
     */
    public List<UnitName> add(ServiceName service, int count) {
        if (count < 1) {
            throw new InvalidInputException("the number of units must be at least 1, got " + count);
        }
        return store.retrying("add-unit " + service, () -> {
            Node node = Entities.service(store, service);
            if (Life.DYING.text().equals(node.string("life"))) {
                throw new ConflictException("service '" + service + "' is being destroyed");
            }
            Transaction tx = store.transaction().check(node);
            List<UnitName> units = UnitWrites.add(tx, service, Entities.existing(store, StatePaths.serviceUnits(service)), count);
            store.commit(tx);
            return units;
        });
    }

    /**
     * Removes units, all or nothing: unassigned ones at once, the others marked dying for their
     * agents to stop them. Machines are never terminated here.
     *
     * @throws NotFoundException naming the first unit that does not exist; nothing is changed
     */
    public void remove(List<UnitName> units) {
        store.retrying("remove-unit", () -> {
            Transaction tx = store.transaction();
            for (ServiceName service : units.stream().map(UnitName::service).distinct().toList()) {
                Entities.service(store, service);
                Node parent = Entities.existing(store, StatePaths.serviceUnits(service));
                tx.touch(parent);
            }
            for (UnitName unit : units.stream().distinct().toList()) {
                UnitWrites.remove(store, tx, Entities.unit(store, unit), unit);
            }
            store.commit(tx);
        });
    }

    /** The units of a service, sorted (empty if the service does not exist). */
    public List<UnitName> unitsOf(ServiceName service) {
        return Entities.units(store, service);
    }

    /** The ports the unit's charm opened ({@code 80/tcp} form), sorted. */
    public List<String> openPorts(UnitName unit) {
        Object open = store.read(StatePaths.unitPorts(unit)).map(node -> node.data().get("open")).orElse(null);
        List<String> ports = new ArrayList<>();
        if (open instanceof List<?> list) {
            list.forEach(item -> ports.add(String.valueOf(item)));
        }
        ports.sort(null);
        return ports;
    }

    /** The units waiting for a machine, sorted. */
    public List<UnitName> unassigned() {
        return store.children(StatePaths.unassignedUnits()).stream().map(UnitName::fromKey).sorted().toList();
    }

    /**
     * Removes a dying unit whose agent has finished (stop hook run, relations left), with its
     * machine assignment, in one transaction. The machine agent's write.
     *
     * @throws ConflictException if the unit is not dying or is still a member of a relation
     */
    public void removeDead(UnitName unit) {
        store.retrying("remove " + unit, () -> {
            Node node = Entities.unit(store, unit);
            if (!Life.DYING.text().equals(node.string("life"))) {
                throw new ConflictException("unit " + unit + " is not being removed");
            }
            Transaction tx = store.transaction();
            for (RelationId id : Entities.relationsOf(store, unit.service())) {
                if (store.exists(StatePaths.relationMember(id, unit))) {
                    throw new ConflictException("unit " + unit + " is still in relation " + id);
                }
                if (store.exists(StatePaths.relationUnitSettings(id, unit))) {
                    tx.delete(StatePaths.relationUnitSettings(id, unit));
                }
            }
            Object machine = node.data().get("machine");
            if (machine != null) {
                MachineId id = new MachineId(((Number) machine).intValue());
                Node assignments = Entities.existing(store, StatePaths.machineUnits(id));
                tx.update(assignments, Map.of("assignments", assignments.number("assignments", 0) + 1));
                tx.delete(StatePaths.machineUnit(id, unit));
            }
            tx.touch(Entities.existing(store, StatePaths.serviceUnits(unit.service())));
            tx.deleteTree(StatePaths.unit(unit));
            if (store.exists(StatePaths.unassignedUnit(unit))) {
                tx.delete(StatePaths.unassignedUnit(unit));
            }
            store.commit(tx);
        });
    }

    /** The machine a unit is assigned to, if any. */
    public Optional<MachineId> machine(UnitName unit) {
        Object machine = Entities.unit(store, unit).data().get("machine");
        return machine == null ? Optional.empty() : Optional.of(new MachineId(((Number) machine).intValue()));
    }

    /**
     * Assigns an unassigned unit to a live machine (the provisioning agent's write), in one
     * transaction that also takes it off the unassigned queue and bumps the machine's unit set.
     *
     * @throws ConflictException if the unit is assigned already or the machine is dying
     */
    public void assign(UnitName unit, MachineId machine) {
        store.retrying("assign " + unit, () -> {
            Node unitNode = Entities.unit(store, unit);
            if (unitNode.data().get("machine") != null) {
                throw new ConflictException("unit " + unit + " is already assigned to machine " + unitNode.data().get("machine"));
            }
            if (Life.DYING.text().equals(unitNode.string("life"))) {
                throw new ConflictException("unit " + unit + " is being removed");
            }
            Node machineNode = Entities.machine(store, machine);
            if (Life.DYING.text().equals(machineNode.string("life"))) {
                throw new ConflictException("machine " + machine + " is being terminated");
            }
            Map<String, Object> data = new LinkedHashMap<>(unitNode.data());
            data.put("machine", machine.value());
            Node assignments = Entities.existing(store, StatePaths.machineUnits(machine));
            Transaction tx = store.transaction()
                    .check(machineNode)
                    .update(unitNode, data)
                    .update(assignments, Map.of("assignments", assignments.number("assignments", 0) + 1))
                    .create(StatePaths.machineUnit(machine, unit), grantForAssignment(unit, data));
            if (store.exists(StatePaths.unassignedUnit(unit))) {
                tx.delete(StatePaths.unassignedUnit(unit));
            }
            store.commit(tx);
        });
    }

    /**
     * In an environment with identities: gives the unit's agent and the machine's agent their rights
     * on the nodes the unit needs before the assignment makes them act on it, and returns the
     * assignment marker's data: the unit agent's password, for the machine agent to hand over once.
     * Else: an empty marker.
     */
    private Map<String, Object> grantForAssignment(UnitName unit, Map<String, Object> assignedData) {
        TreeAccessView view = new TreeAccessView(store);
        String nonce = (String) assignedData.get(TreeAccessView.NONCE);
        if (view.keys().isEmpty() || nonce == null) {
            return Map.of();
        }
        view.learn(StatePaths.unit(unit), assignedData);
        MachineId machine = MachineId.parse(assignedData.get("machine").toString());
        // What the assignment opens to the unit's and the machine's agents: the service's own nodes
        // (not its other units'), the presence parents, the settings, the log records' parent, the unit's subtree,
        // its charm, its relations and the machine.
        AclKeeper keeper = new AclKeeper(store, 1);
        keeper.reconcileNodes(List.of(StatePaths.service(unit.service()), StatePaths.serviceConfig(unit.service()),
                StatePaths.serviceUnits(unit.service()), StatePaths.unitsPresence(), StatePaths.machinesPresence(),
                StatePaths.settings(), StatePaths.logs()), view);
        List<String> subtrees = new ArrayList<>();
        subtrees.add(StatePaths.serviceRelations(unit.service()));
        subtrees.add(StatePaths.unit(unit));
        subtrees.add(StatePaths.machine(machine));
        store.read(StatePaths.service(unit.service())).map(node -> node.string("charm"))
                .ifPresent(charm -> subtrees.add(StatePaths.charm(CharmUrl.parse(charm).quoted())));
        store.children(StatePaths.serviceRelations(unit.service()))
                .forEach(id -> subtrees.add(StatePaths.relation(RelationId.parse(id))));
        keeper.reconcile(subtrees, view);
        return Map.of(CREDENTIAL, view.keys().get().unit(unit, nonce).password());
    }

    /**
     * The unit agent's password in its assignment marker, as the provisioning agent left it, if
     * the machine agent has not taken it yet.
     */
    public Optional<Credential> assignedCredential(MachineId machine, UnitName unit) {
        return store.read(StatePaths.machineUnit(machine, unit)).map(node -> node.string(CREDENTIAL))
                .map(password -> new Credential(Identities.unit(unit), password));
    }

    /** Removes the unit agent's password from its assignment marker (the hand-over is done). */
    public void forgetAssignedCredential(MachineId machine, UnitName unit) {
        store.retrying("forget the credential of " + unit, () -> store.read(StatePaths.machineUnit(machine, unit))
                .filter(node -> node.data().containsKey(CREDENTIAL))
                .ifPresent(node -> store.commit(store.transaction().update(node, Map.of()))));
    }

    /**
     * Replaces the unit's status node data (the machine agent's write when the unit cannot be
     * deployed); a change of agent-state is added to the status history in the same transaction.
     */
    public void reportStatus(UnitName unit, Map<String, Object> status) {
        store.retrying("status of " + unit, () -> {
            Node node = Entities.existing(store, StatePaths.unitStatus(unit));
            Transaction tx = store.transaction().update(node, status);
            StatusHistory.record(store, tx, unit, node.data(), status, null);
            store.commit(tx);
        });
    }

    /** {@link #updateStatus(UnitName, Map, StatusEvent)} with no event: only a transition is recorded. */
    public void updateStatus(UnitName unit, Map<String, Object> changes) {
        updateStatus(unit, changes, null);
    }

    /**
     * Merges {@code changes} into the unit's status node ({@code null} values remove keys): the unit
     * agent's write of its agent-state, relation errors and retry schedule. If the agent-state
     * changes, or {@code event} says always, an entry is appended to the unit's status history
     * in the same transaction.
     */
    public void updateStatus(UnitName unit, Map<String, Object> changes, StatusEvent event) {
        store.retrying("status of " + unit, () -> {
            Node node = Entities.existing(store, StatePaths.unitStatus(unit));
            Map<String, Object> merged = node.merged(changes);
            Transaction tx = store.transaction().update(node, merged);
            StatusHistory.record(store, tx, unit, node.data(), merged, event);
            store.commit(tx);
        });
    }

    /**
     * The unit's status history, oldest first.
     *
     * @throws NotFoundException if the unit does not exist
     */
    public StatusHistory statusHistory(UnitName unit) {
        Entities.unit(store, unit);
        return store.read(StatePaths.unitStatusHistory(unit)).map(node -> StatusHistory.fromMap(node.data()))
                .orElse(StatusHistory.EMPTY);
    }

    /**
     * Commits everything a successful hook changed in one transaction: the unit's settings in
     * each relation it wrote to, its open ports, its workload status. Settings of a relation the
     * unit has not joined (or that is gone) are dropped: the hook's view was older than the tree.
     *
     * @throws org.juju.state.error.InvalidInputException if settings would exceed
     *         {@link Limits#RELATION_SETTINGS_BYTES} or the message {@link Limits#STATUS_MESSAGE_CHARS};
     *         nothing is written (the hook tools refuse such writes first)
     */
    public void commitHook(UnitName unit, HookWrites writes) {
        if (writes.isEmpty()) {
            return;
        }
        store.retrying("commit hook of " + unit, () -> {
            Transaction tx = store.transaction();
            writes.settings().forEach((id, changes) -> {
                if (changes.isEmpty()) {
                    return;
                }
                store.read(StatePaths.relationUnitSettings(id, unit)).ifPresent(node -> {
                    Map<String, Object> merged = node.merged(changes);
                    Limits.relationSettings(merged, "settings of " + unit + " in relation " + id);
                    tx.update(node, merged);
                });
            });
            if (!writes.opened().isEmpty() || !writes.closed().isEmpty()) {
                java.util.TreeSet<String> ports = new java.util.TreeSet<>(openPorts(unit));
                ports.removeAll(writes.closed());
                ports.addAll(writes.opened());
                tx.put(StatePaths.unitPorts(unit), store.read(StatePaths.unitPorts(unit)),
                        Map.of("open", new ArrayList<>(ports)));
            }
            if (writes.workloadStatus() != null) {
                Limits.statusMessage(writes.workloadMessage());
                Node status = Entities.existing(store, StatePaths.unitStatus(unit));
                Map<String, Object> workload = new java.util.HashMap<>();
                workload.put("workload-status", writes.workloadStatus());
                boolean noMessage = writes.workloadMessage() == null || writes.workloadMessage().isEmpty();
                workload.put("workload-message", noMessage ? null : writes.workloadMessage());
                tx.update(status, status.merged(workload));
            }
            store.commit(tx);
        });
    }

    /** The unit's status node data (agent-state and what its agent reported). */
    public Map<String, Object> status(UnitName unit) {
        Entities.unit(store, unit);
        return store.read(StatePaths.unitStatus(unit)).map(Node::data).orElse(Map.of());
    }

    /**
     * Asks the unit agent to leave an error state: of the unit, or of one of its relations when
     * {@code relation} is given. With {@code retry} the failed hook is run again; without, the
     * unit moves on as if it had succeeded.
     *
     * @throws ConflictException if the unit (or relation) is not in an error state
     * @throws AlreadyExistsException if a request is pending already
     */
    public void resolved(UnitName unit, Optional<RelationId> relation, boolean retry) {
        store.retrying("resolved " + unit, () -> {
            Entities.unit(store, unit);
            Node status = Entities.existing(store, StatePaths.unitStatus(unit));
            String path;
            if (relation.isEmpty()) {
                String state = status.string("agent-state");
                if (!isErrorState(state)) {
                    throw new ConflictException("unit " + unit + " is not in an error state (" + state + ")");
                }
                path = StatePaths.unitResolved(unit);
            } else {
                RelationId id = relation.get();
                if (!store.exists(StatePaths.serviceRelation(unit.service(), id))) {
                    throw new NotFoundException("service '" + unit.service() + "' has no relation " + id);
                }
                if (!relationErrors(status).contains(id.value())) {
                    throw new ConflictException("relation " + id + " of unit " + unit + " is not in an error state");
                }
                path = StatePaths.unitRelationResolved(unit, id);
            }
            if (store.exists(path)) {
                throw new AlreadyExistsException("unit " + unit + " is already marked resolved");
            }
            Transaction tx = store.transaction().check(status);
            if (relation.isPresent() && !store.exists(StatePaths.unitRelationsResolved(unit))) {
                tx.create(StatePaths.unitRelationsResolved(unit), Map.of());
            }
            store.commit(tx.create(path, Map.of("retry", retry)));
        });
    }

    private static boolean isErrorState(String text) {
        try {
            return text != null && UnitAgentState.parse(text).isError();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Deletes a {@code resolved} request once the unit agent acted on it (of the unit, or of one
     * of its relations). Idempotent.
     */
    public void consumeResolved(UnitName unit, Optional<RelationId> relation) {
        String path = relation.map(id -> StatePaths.unitRelationResolved(unit, id)).orElse(StatePaths.unitResolved(unit));
        store.retrying("consume resolved of " + unit, () -> {
            if (store.exists(path)) {
                store.commit(store.transaction().delete(path));
            }
        });
    }

    /** The ids of the unit's relations in error, from its status node. */
    static List<Integer> relationErrors(Node status) {
        List<Integer> ids = new ArrayList<>();
        if (status.data().get("relation-errors") instanceof List<?> list) {
            list.forEach(item -> ids.add(((Number) item).intValue()));
        }
        return ids;
    }
}
