package org.juju.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.juju.state.charm.CharmUrl;
import org.juju.state.error.AlreadyExistsException;
import org.juju.state.error.ConflictException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.JujuException;
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
     * Up to {@value UnitWrites#MAX_UNITS_PER_TRANSACTION} units are added in one transaction; more
     * take one transaction per that many, each all or nothing.
     *
     * @throws NotFoundException if the service does not exist
     * @throws ConflictException if the service is being destroyed
     * @throws JujuException     when a later transaction fails: the message says how many units
     *                           were added before it
     */
    public List<UnitName> add(ServiceName service, int count) {
        if (count < 1) {
            throw new InvalidInputException("the number of units must be at least 1, got " + count);
        }
        return addUpTo(service, new ArrayList<>(), count);
    }

    /**
     * Adds units to {@code added} (the units of {@code service} added so far by this command) until
     * it holds {@code count}, one transaction per {@value UnitWrites#MAX_UNITS_PER_TRANSACTION}.
     *
     * @return {@code added}
     * @throws JujuException as {@link #add} throws it, counting the units in {@code added}
     */
    List<UnitName> addUpTo(ServiceName service, List<UnitName> added, int count) {
        while (added.size() < count) {
            int chunk = Math.min(UnitWrites.MAX_UNITS_PER_TRANSACTION, count - added.size());
            try {
                added.addAll(addInOneTransaction(service, chunk));
            } catch (JujuException e) {
                if (added.isEmpty()) {
                    throw e;
                }
                throw partly(service, added.size(), count, e);
            }
        }
        return added;
    }

    /**
     * The error of an add-unit that added {@code added} of {@code count} units before {@code cause}
     * stopped it.
     */
    private static JujuException partly(ServiceName service, int added, int count, JujuException cause) {
        return new JujuException(cause.code(), "added " + added + " of " + count + " units to service '" + service
                + "' before: " + cause.getMessage() + "; add the rest with add-unit", cause);
    }

    private List<UnitName> addInOneTransaction(ServiceName service, int count) {
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
        return openPorts(store.read(StatePaths.unitPorts(unit)));
    }

    /** The open ports in a unit's ports node as read ({@code 80/tcp} form), sorted; none if it is missing. */
    static List<String> openPorts(Optional<Node> portsNode) {
        Object open = portsNode.map(node -> node.data().get("open")).orElse(null);
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

    /** One unit to place on one machine. */
    public record Assignment(UnitName unit, MachineId machine) {
    }

    /**
     * Assigns an unassigned unit to a live machine (the provisioning agent's write), in one
     * transaction that also takes it off the unassigned queue and bumps the machine's unit set.
     *
     * @throws ConflictException if the unit is assigned already or the machine is dying
     */
    public void assign(UnitName unit, MachineId machine) {
        JujuException failure = assignAll(List.of(new Assignment(unit, machine))).get(unit);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Makes each assignment as {@link #assign} does, and costs about what one does: the ACLs the
     * assignments open ({@link #grantForAssignments}) are computed from one view of the tree and set
     * once for all of them, and the units going to one machine are assigned in one transaction (the
     * machine's unit set bumped once). If that transaction fails, its units are assigned one by one,
     * so one unit that cannot be assigned never holds back the others.
     *
     * @return the assignments that failed, by unit, with the reason (as {@link #assign} throws it);
     *         empty when all were made
     */
    public Map<UnitName, JujuException> assignAll(List<Assignment> assignments) {
        PrefetchedReads reads = prefetchForAssignments(assignments);
        Map<UnitName, JujuException> failures = new LinkedHashMap<>();
        Map<UnitName, Map<String, Object>> assigned = new LinkedHashMap<>();
        for (Assignment a : assignments) {
            try {
                assigned.put(a.unit(), assignedData(a.unit(), a.machine(), reads));
            } catch (JujuException e) {
                failures.put(a.unit(), e);
            }
        }
        if (assigned.isEmpty()) {
            return failures;
        }
        Map<UnitName, Map<String, Object>> markers = grantForAssignments(assigned);
        Map<MachineId, List<UnitName>> byMachine = new LinkedHashMap<>();
        assignments.stream().filter(a -> assigned.containsKey(a.unit()))
                .forEach(a -> byMachine.computeIfAbsent(a.machine(), m -> new ArrayList<>()).add(a.unit()));
        byMachine.forEach((machine, units) -> {
            try {
                commitRetrying("assign to machine " + machine, machine, units, markers, reads);
            } catch (JujuException groupFailure) {
                for (UnitName unit : units) {
                    try {
                        commitRetrying("assign " + unit, machine, List.of(unit), markers, new PrefetchedReads(store));
                    } catch (JujuException e) {
                        failures.put(unit, e);
                    }
                }
            }
        });
        return failures;
    }

    /**
     * What assignments read, fetched in pipelined batches: the units' nodes and queue entries, the
     * machines' nodes and unit sets. An assignment's first attempt works from these; a retry after a
     * concurrent change reads afresh.
     */
    private PrefetchedReads prefetchForAssignments(List<Assignment> assignments) {
        PrefetchedReads reads = new PrefetchedReads(store);
        Set<String> paths = new LinkedHashSet<>();
        for (Assignment a : assignments) {
            paths.add(StatePaths.unit(a.unit()));
            paths.add(StatePaths.unassignedUnit(a.unit()));
            paths.add(StatePaths.machine(a.machine()));
            paths.add(StatePaths.machineUnits(a.machine()));
        }
        if (assignments.size() > 1) {
            reads.fetch(paths);
        }
        return reads;
    }

    /** {@link #commitAssignments} until it commits: the first attempt from {@code reads}, later ones read afresh. */
    private void commitRetrying(String what, MachineId machine, List<UnitName> units,
                                Map<UnitName, Map<String, Object>> markers, PrefetchedReads reads) {
        PrefetchedReads[] source = {reads};
        store.retrying(what, () -> {
            PrefetchedReads attempt = source[0];
            source[0] = new PrefetchedReads(store);
            commitAssignments(machine, units, markers, attempt);
        });
    }

    /**
     * The unit's node data once assigned to {@code machine}.
     *
     * @throws ConflictException if the unit is assigned already or being removed, or the machine is dying
     */
    private Map<String, Object> assignedData(UnitName unit, MachineId machine, PrefetchedReads reads) {
        Node unitNode = reads.read(StatePaths.unit(unit)).orElseThrow(() -> new NotFoundException("unit " + unit + " not found"));
        if (unitNode.data().get("machine") != null) {
            throw new ConflictException("unit " + unit + " is already assigned to machine " + unitNode.data().get("machine"));
        }
        if (Life.DYING.text().equals(unitNode.string("life"))) {
            throw new ConflictException("unit " + unit + " is being removed");
        }
        Node machineNode = machineNode(machine, reads);
        if (Life.DYING.text().equals(machineNode.string("life"))) {
            throw new ConflictException("machine " + machine + " is being terminated");
        }
        Map<String, Object> data = new LinkedHashMap<>(unitNode.data());
        data.put("machine", machine.value());
        return data;
    }

    private static Node machineNode(MachineId machine, PrefetchedReads reads) {
        return reads.read(StatePaths.machine(machine)).orElseThrow(() -> new NotFoundException("machine " + machine + " not found"));
    }

    /** One transaction: checks the machine, assigns {@code units} to it, bumps its unit set once. */
    private void commitAssignments(MachineId machine, List<UnitName> units, Map<UnitName, Map<String, Object>> markers,
                                   PrefetchedReads reads) {
        Transaction tx = store.transaction().check(machineNode(machine, reads));
        for (UnitName unit : units) {
            Map<String, Object> data = assignedData(unit, machine, reads);
            Node unitNode = reads.read(StatePaths.unit(unit)).orElseThrow();
            tx.update(unitNode, data).create(StatePaths.machineUnit(machine, unit), markers.getOrDefault(unit, Map.of()));
            if (reads.exists(StatePaths.unassignedUnit(unit))) {
                tx.delete(StatePaths.unassignedUnit(unit));
            }
        }
        String setPath = StatePaths.machineUnits(machine);
        Node set = reads.read(setPath).orElseThrow(() -> new NotFoundException(setPath + " vanished"));
        tx.update(set, Map.of("assignments", set.number("assignments", 0) + 1));
        store.commit(tx);
    }

    /**
     * In an environment with identities: gives the units' agents and their machines' agents their
     * rights on the nodes the units need before the assignments make them act on them, and returns
     * each assignment marker's data: the unit agent's password, for the machine agent to hand over
     * once. Else: empty markers. One view of the tree serves every unit, and each shared node (the
     * services', the presence parents, the settings, the log records' parent) gets its ACL set once.
     */
    private Map<UnitName, Map<String, Object>> grantForAssignments(Map<UnitName, Map<String, Object>> assigned) {
        TreeAccessView view = new TreeAccessView(store);
        if (view.keys().isEmpty()) {
            return Map.of();
        }
        Map<UnitName, Map<String, Object>> markers = new LinkedHashMap<>();
        Set<ServiceName> services = new TreeSet<>();
        Set<MachineId> machines = new TreeSet<>();
        assigned.forEach((unit, data) -> {
            String nonce = (String) data.get(TreeAccessView.NONCE);
            if (nonce != null) {
                view.learn(StatePaths.unit(unit), data);
                markers.put(unit, Map.of(CREDENTIAL, view.keys().get().unit(unit, nonce).password()));
                services.add(unit.service());
                machines.add(MachineId.parse(data.get("machine").toString()));
            }
        });
        if (markers.isEmpty()) {
            return markers;
        }
        // What an assignment opens to the unit's and the machine's agents: the service's own nodes
        // (not its other units'), the presence parents, the settings, the log records' parent, the
        // unit's subtree, its charm, its relations and the machine.
        List<String> nodes = new ArrayList<>(List.of(StatePaths.unitsPresence(), StatePaths.machinesPresence(),
                StatePaths.settings(), StatePaths.logs()));
        List<String> subtrees = new ArrayList<>();
        for (ServiceName service : services) {
            nodes.addAll(List.of(StatePaths.service(service), StatePaths.serviceConfig(service),
                    StatePaths.serviceUnits(service)));
            subtrees.add(StatePaths.serviceRelations(service));
            store.read(StatePaths.service(service)).map(node -> node.string("charm"))
                    .ifPresent(charm -> subtrees.add(StatePaths.charm(CharmUrl.parse(charm).quoted())));
            store.children(StatePaths.serviceRelations(service))
                    .forEach(id -> subtrees.add(StatePaths.relation(RelationId.parse(id))));
        }
        markers.keySet().forEach(unit -> subtrees.add(StatePaths.unit(unit)));
        machines.forEach(machine -> subtrees.add(StatePaths.machine(machine)));
        AclKeeper keeper = new AclKeeper(store, 1);
        keeper.reconcileNodes(nodes, view);
        keeper.reconcile(subtrees.stream().distinct().toList(), view);
        return markers;
    }

    /**
     * The unit agent's password in its assignment marker, as the provisioning agent left it, if
     * the machine agent has not taken it yet.
     */
    public Optional<Credential> assignedCredential(MachineId machine, UnitName unit) {
        return store.read(StatePaths.machineUnit(machine, unit)).flatMap(marker -> credentialInMarker(unit, marker));
    }

    /** The unit agent's password in {@code marker}, its assignment marker as read, if it is still there. */
    public static Optional<Credential> credentialInMarker(UnitName unit, Node marker) {
        return Optional.ofNullable(marker.string(CREDENTIAL)).map(password -> new Credential(Identities.unit(unit), password));
    }

    /** Removes the unit agent's password from its assignment marker (the hand-over is done). */
    public void forgetAssignedCredential(MachineId machine, UnitName unit) {
        forgetAssignedCredentials(machine, List.of(unit));
    }

    /**
     * {@link #forgetAssignedCredential} for many units of one machine: their markers read in one
     * pipelined batch and emptied in one transaction (read and made again if a marker changed
     * meanwhile).
     */
    public void forgetAssignedCredentials(MachineId machine, Collection<UnitName> units) {
        if (units.isEmpty()) {
            return;
        }
        store.retrying("forget the credentials of " + units.size() + " units", () -> {
            Transaction tx = store.transaction();
            store.readAll(units.stream().map(unit -> StatePaths.machineUnit(machine, unit)).toList())
                    .forEach((path, marker) -> marker.get().filter(node -> node.data().containsKey(CREDENTIAL))
                            .ifPresent(node -> tx.update(node, Map.of())));
            store.commit(tx);
        });
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
        statusWriter(unit).update(changes, event);
    }

    /**
     * A writer of the unit's status that remembers what it last read and wrote, for its agent's
     * repeated writes ({@link UnitStatusWriter}); {@link #updateStatus} is one write of a new one.
     */
    public UnitStatusWriter statusWriter(UnitName unit) {
        return new UnitStatusWriter(store, unit);
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
