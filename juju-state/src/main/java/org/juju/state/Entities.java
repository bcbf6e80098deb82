package org.juju.state;

import java.util.ArrayList;
import java.util.List;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;

/** Reads of single entities shared by the state classes, each failing with a clear not-found. */
final class Entities {
    private Entities() {
    }

    static Node service(StateStore store, ServiceName name) {
        return store.require(StatePaths.service(name), () -> new NotFoundException("service '" + name + "' not found"));
    }

    static Node unit(StateStore store, UnitName unit) {
        return store.require(StatePaths.unit(unit), () -> new NotFoundException("unit " + unit + " not found"));
    }

    static Node machine(StateStore store, MachineId id) {
        return store.require(StatePaths.machine(id), () -> new NotFoundException("machine " + id + " not found"));
    }

    static Node relation(StateStore store, RelationId id) {
        return store.require(StatePaths.relation(id), () -> new NotFoundException("relation " + id + " not found"));
    }

    /** Reads a node that must exist because its parent does (the tree is always written whole). */
    static Node existing(StateStore store, String path) {
        return store.require(path, () -> new NotFoundException(path + " vanished"));
    }

    static List<UnitName> units(StateStore store, ServiceName service) {
        return units(service, store.children(StatePaths.serviceUnits(service)));
    }

    /** The units of {@code service} named by {@code children}, the child names of its units node; sorted. */
    static List<UnitName> units(ServiceName service, List<String> children) {
        List<UnitName> units = new ArrayList<>();
        for (String child : children) {
            units.add(new UnitName(service, Integer.parseInt(child)));
        }
        units.sort(null);
        return units;
    }

    static List<RelationId> relationsOf(StateStore store, ServiceName service) {
        return store.children(StatePaths.serviceRelations(service)).stream()
                .map(child -> new RelationId(Integer.parseInt(child))).sorted().toList();
    }
}
