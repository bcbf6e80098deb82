package org.juju.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.juju.provider.Instance;
import org.juju.state.error.ConflictException;
import org.juju.state.error.CorruptNodeException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.Life;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AclKeeper;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;
import org.juju.state.security.IdentityKeys;
import org.juju.state.security.TreeAccessView;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import org.juju.state.store.Transaction;

/**
 * Machines: creation and reports (by the provisioning agent), termination and provisioning retry
 * requests (by the client).
 */
public final class MachineState {
    private final StateStore store;

    public MachineState(StateStore store) {
        this.store = store;
    }

    /** Creates a new machine with the next id (ids are never reused). */
    public MachineId add(String series) {
        return addAll(series, 1).get(0);
    }

    /** Machines added in one transaction by {@link #addAll}, at most: their nodes and ACLs stay far below ZooKeeper's request limit. */
    public static final int MAX_MACHINES_PER_TRANSACTION = 100;

    /**
     * Adds {@code count} machines, as {@link #add} does, in one transaction that takes their ids
     * from the counter at once: all of them or none.
     *
     * @return their ids, in increasing order
     * @throws InvalidInputException if {@code count} is not between 1 and {@value #MAX_MACHINES_PER_TRANSACTION}
     */
    public List<MachineId> addAll(String series, int count) {
        if (count < 1 || count > MAX_MACHINES_PER_TRANSACTION) {
            throw new InvalidInputException("cannot add " + count + " machines at once: between 1 and "
                    + MAX_MACHINES_PER_TRANSACTION + " may be added in one transaction");
        }
        return store.retrying("add machine", () -> {
            Node counter = Entities.existing(store, StatePaths.machines());
            int first = (int) counter.number("next-id", 1);
            Transaction tx = store.transaction().update(counter, Map.of("next-id", first + count));
            List<MachineId> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                MachineId id = new MachineId(first + i);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("life", Life.ALIVE.text());
                data.put("series", series);
                data.put(TreeAccessView.NONCE, Credential.randomToken());
                tx.create(StatePaths.machine(id), data).create(StatePaths.machineUnits(id), Map.of("assignments", 0));
                ids.add(id);
            }
            store.commit(tx);
            return List.copyOf(ids);
        });
    }

    /**
     * Machine {@code id}'s agent's credential, derived from the environment's identity keys and the
     * machine's nonce; empty in an environment without identities. Readable by the admin and the
     * provisioning agent only. Machine 0's is not derived so (see {@link Identities}).
     */
    public Optional<Credential> credential(MachineId id) {
        return new TreeAccessView(store).keys().flatMap(k -> credential(id, k));
    }

    private Optional<Credential> credential(MachineId id, IdentityKeys keys) {
        return store.read(StatePaths.machine(id)).map(node -> node.string(TreeAccessView.NONCE))
                .map(nonce -> keys.machine(id, nonce));
    }

    /**
     * {@link #credential} with the ids of the admin and the provisioning agent: what its agent is
     * given. Also lets that identity create its presence node, so that the agent, once started, is
     * never refused it (the provisioning agent's call, before it starts the machine).
     */
    public Optional<AgentIdentity> identity(MachineId id) {
        return identities(List.of(id)).getOrDefault(id, Optional.empty());
    }

    /**
     * {@link #identity} of each machine, with the rights on the shared nodes (presence parent,
     * settings, log records' parent) granted once for all of them from one view of the tree: what
     * a provisioning round about to start several machines calls.
     */
    public Map<MachineId, Optional<AgentIdentity>> identities(java.util.Collection<MachineId> ids) {
        TreeAccessView view = new TreeAccessView(store);
        Optional<IdentityKeys> keys = view.keys();
        Map<MachineId, Optional<AgentIdentity>> identities = new java.util.TreeMap<>();
        for (MachineId id : ids) {
            identities.put(id, keys.flatMap(k -> credential(id, k).map(credential -> AgentIdentity.of(credential, k))));
        }
        if (identities.values().stream().anyMatch(Optional::isPresent)) {
            new AclKeeper(store, 1).reconcileNodes(List.of(StatePaths.machinesPresence(), StatePaths.settings(),
                    StatePaths.logs()), view);
        }
        return identities;
    }

    /** The address the provider recorded for machine {@code id}'s instance, if any (one read). */
    public Optional<String> address(MachineId id) {
        return store.read(StatePaths.machineInstance(id)).map(n -> n.string("address"))
                .filter(address -> address != null && !address.isEmpty());
    }

    /** The public address ({@code dns-name}) the provider recorded for machine {@code id}'s instance, if any. */
    public Optional<String> publicAddress(MachineId id) {
        return store.read(StatePaths.machineInstance(id)).map(n -> n.string("dns-name"))
                .filter(address -> address != null && !address.isEmpty());
    }

    /**
     * The machines as {@link #infos()} gives them, except that a machine one of whose nodes holds
     * data the project did not write (binary garbage, the wrong shape: a foreign client's doing) is
     * set apart with the reason instead of failing the whole read: one bad machine must not stop
     * the provisioning of the others. Its nodes are read again in the next call.
     */
    public MachineInfos readAll() {
        Set<String> present = Set.copyOf(store.children(StatePaths.machinesPresence()));
        List<MachineInfo> infos = new ArrayList<>();
        Map<MachineId, String> unreadable = new java.util.TreeMap<>();
        List<MachineId> ids = ids();
        PrefetchedReads reads = prefetch(ids);
        for (MachineId id : ids) {
            try {
                reads.read(StatePaths.machine(id)).ifPresent(node -> infos.add(info(id, node, present, reads)));
            } catch (CorruptNodeException e) {
                unreadable.put(id, e.getMessage());
            } catch (InvalidInputException e) {
                unreadable.put(id, "machine " + id + ": unexpected data in its nodes: " + e.getMessage());
            }
        }
        return new MachineInfos(infos, unreadable);
    }

    /** Everything {@link #info} reads of {@code ids}, fetched in pipelined batches. */
    private PrefetchedReads prefetch(List<MachineId> ids) {
        PrefetchedReads reads = new PrefetchedReads(store);
        List<String> paths = new ArrayList<>();
        for (MachineId id : ids) {
            paths.addAll(List.of(StatePaths.machine(id), StatePaths.machineInstance(id), StatePaths.machineStatus(id),
                    StatePaths.machineRetryProvisioning(id)));
        }
        reads.fetch(paths);
        reads.fetchChildren(ids.stream().map(StatePaths::machineUnits).toList());
        return reads;
    }

    /** The readable machines and, by id, why the others could not be read. */
    public record MachineInfos(List<MachineInfo> readable, Map<MachineId, String> unreadable) {
        public MachineInfos {
            readable = List.copyOf(readable);
            unreadable = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(unreadable));
        }
    }

    /** Everything the provisioning agent needs to know of each machine, sorted by id. */
    public List<MachineInfo> infos() {
        Set<String> present = Set.copyOf(store.children(StatePaths.machinesPresence()));
        List<MachineInfo> infos = new ArrayList<>();
        List<MachineId> ids = ids();
        PrefetchedReads reads = prefetch(ids);
        for (MachineId id : ids) {
            reads.read(StatePaths.machine(id)).ifPresent(node -> infos.add(info(id, node, present, reads)));
        }
        return infos;
    }

    /**
     * What is known of machine {@code id}, as {@link #infos()} gives it.
     *
     * @throws org.juju.state.error.NotFoundException if there is no such machine
     */
    public MachineInfo info(MachineId id) {
        Node node = Entities.machine(store, id);
        return info(id, node, Set.copyOf(store.children(StatePaths.machinesPresence())), new PrefetchedReads(store));
    }

    private MachineInfo info(MachineId id, Node node, Set<String> present, PrefetchedReads reads) {
        Optional<MachineInfo.InstanceRecord> instance = reads.read(StatePaths.machineInstance(id)).map(n ->
                new MachineInfo.InstanceRecord(n.string("instance-id"), n.string("address"), n.string("dns-name"),
                        n.string("state"), n.number("started-at", 0)));
        List<UnitName> units = reads.children(StatePaths.machineUnits(id)).stream().map(UnitName::fromKey).toList();
        Optional<Node> status = reads.read(StatePaths.machineStatus(id));
        Optional<String> error = status.filter(n -> "error".equals(n.string("agent-state"))).map(n -> n.string("message"));
        boolean reported = status.filter(n -> !"error".equals(n.string("agent-state"))).isPresent();
        return new MachineInfo(id, Life.parse(node.string("life")), node.string("series"), instance, units,
                present.contains(id.toString()), reported, error, reads.exists(StatePaths.machineRetryProvisioning(id)));
    }

    /** Records the instance the provider started for a machine (the provisioning agent's write). */
    public void setInstance(MachineId id, Instance instance, long startedAtMillis) {
        store.retrying("record instance of machine " + id, () -> {
            Node machine = Entities.machine(store, id);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("instance-id", instance.instanceId());
            data.put("address", instance.address());
            data.put("dns-name", instance.publicAddress());
            data.put("state", instance.state());
            data.put("started-at", startedAtMillis);
            store.commit(store.transaction().check(machine)
                    .put(StatePaths.machineInstance(id), store.read(StatePaths.machineInstance(id)), data));
        });
    }

    /**
     * Records what the provider now says of a machine's recorded instance (its address, public
     * address and state, e.g. once it runs), keeping when it was started and any address the
     * provider does not know now; nothing if the machine records another instance by then (the
     * provisioning agent's write).
     */
    public void refreshInstance(MachineId id, Instance instance) {
        store.retrying("refresh instance of machine " + id, () -> {
            Node machine = Entities.machine(store, id);
            Optional<Node> recorded = store.read(StatePaths.machineInstance(id));
            if (recorded.isEmpty() || !instance.instanceId().equals(recorded.get().string("instance-id"))) {
                return;
            }
            Map<String, Object> data = new LinkedHashMap<>(recorded.get().data());
            if (!instance.address().isEmpty()) {
                data.put("address", instance.address());
                data.put("dns-name", instance.publicAddress());
            }
            data.put("state", instance.state());
            store.commit(store.transaction().check(machine).put(StatePaths.machineInstance(id), recorded, data));
        });
    }

    /** Sets the machine's agent-state and message as status shows them (e.g. a launch timeout). */
    public void setStatus(MachineId id, String agentState, String message) {
        store.retrying("status of machine " + id, () -> {
            Entities.machine(store, id);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("agent-state", agentState);
            if (message != null) {
                data.put("message", message);
            }
            store.commit(store.transaction()
                    .put(StatePaths.machineStatus(id), store.read(StatePaths.machineStatus(id)), data));
        });
    }

    /**
     * Removes a dying machine whose instance was stopped, in one transaction guarded on its unit set
     * being empty.
     *
     * @throws ConflictException if units are assigned to it or it is not dying
     */
    public void remove(MachineId id) {
        store.retrying("remove machine " + id, () -> {
            Node machine = Entities.machine(store, id);
            if (!Life.DYING.text().equals(machine.string("life"))) {
                throw new ConflictException("machine " + id + " is not being terminated");
            }
            if (!store.children(StatePaths.machineUnits(id)).isEmpty()) {
                throw new ConflictException("machine " + id + " still has units");
            }
            store.commit(store.transaction().deleteTree(StatePaths.machine(id)));
        });
    }

    /** All machine ids, sorted. */
    public List<MachineId> ids() {
        return store.children(StatePaths.machines()).stream().map(MachineId::parse).sorted().toList();
    }

    /**
     * Requests termination of machines, all or nothing. The provisioning agent stops their
     * instances and removes them.
     *
     * @throws ConflictException for machine 0 or a machine with units assigned; nothing changes
     * @throws org.juju.state.error.NotFoundException for an unknown machine
     */
    public void terminate(List<MachineId> ids) {
        store.retrying("terminate-machine", () -> {
            Transaction tx = store.transaction();
            for (MachineId id : ids) {
                if (id.isBootstrap()) {
                    throw new ConflictException("machine 0 cannot be terminated: it runs the environment's state server");
                }
                Node machine = Entities.machine(store, id);
                List<String> units = store.children(StatePaths.machineUnits(id));
                if (!units.isEmpty()) {
                    throw new ConflictException("machine " + id + " cannot be terminated: unit"
                            + (units.size() > 1 ? "s " : " ") + String.join(", ", units.stream()
                            .map(k -> org.juju.state.model.UnitName.fromKey(k).toString()).toList())
                            + (units.size() > 1 ? " are" : " is") + " assigned to it; remove "
                            + (units.size() > 1 ? "them" : "it") + " first");
                }
                tx.check(Entities.existing(store, StatePaths.machineUnits(id)));
                if (!Life.DYING.text().equals(machine.string("life"))) {
                    Map<String, Object> data = new LinkedHashMap<>(machine.data());
                    data.put("life", Life.DYING.text());
                    tx.update(machine, data);
                }
            }
            store.commit(tx);
        });
    }

    /** Provisioning retry requests of machines in error ({@code juju retry-provisioning}). */
    public MachineRetries retries() {
        return new MachineRetries(store);
    }
}
