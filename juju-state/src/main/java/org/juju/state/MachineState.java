package org.juju.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.state.error.ConflictException;
import org.juju.state.model.Life;
import org.juju.state.model.MachineId;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import org.juju.state.store.Transaction;

/** Machines: creation (by the provisioning agent) and termination requests (by the client). */
public final class MachineState {
    private final StateStore store;

    public MachineState(StateStore store) {
        this.store = store;
    }

    /** Creates a new machine with the next id (ids are never reused). */
    public MachineId add(String series) {
        return store.retrying("add machine", () -> {
            Node counter = Entities.existing(store, StatePaths.machines());
            MachineId id = new MachineId((int) counter.number("next-id", 1));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("life", Life.ALIVE.text());
            data.put("series", series);
            store.commit(store.transaction()
                    .update(counter, Map.of("next-id", id.value() + 1))
                    .create(StatePaths.machine(id), data)
                    .create(StatePaths.machineUnits(id), Map.of("assignments", 0)));
            return id;
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
}
