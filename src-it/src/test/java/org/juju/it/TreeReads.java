package org.juju.it;

import java.util.Map;
import org.juju.state.JujuState;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;

/** What the end-to-end tests read of an environment's tree to check relations. */
final class TreeReads {
    private TreeReads() {
    }

    /** The relation settings {@code unit} has in {@code relation}; empty if it has none (yet). */
    static Map<String, Object> settings(JujuState state, RelationId relation, String unit) {
        return state.store().read(StatePaths.relationUnitSettings(relation, UnitName.parse(unit)))
                .map(node -> node.data()).orElse(Map.of());
    }

    /** The relation {@code service} takes part in under relation name {@code name}. */
    static RelationId relationOf(JujuState state, String service, String name) {
        return state.relations().relationsOf(ServiceName.of(service)).entrySet().stream()
                .filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst().orElseThrow();
    }
}
