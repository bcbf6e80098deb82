package org.juju.agents.unit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.juju.agents.hook.ContextData;
import org.juju.state.JujuState;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;

/**
 * What a hook of a deployed unit reads, from the tree: config with defaults, the unit's address,
 * its service's relations, membership as the unit agent delivered it, and settings nodes.
 * The hook context caches each read, so one hook sees a consistent view.
 */
final class TreeContextData implements ContextData {
    private final JujuState state;
    private final UnitName unit;
    private final String address;
    private final Function<RelationId, List<UnitName>> members;

    TreeContextData(JujuState state, UnitName unit, String address, Function<RelationId, List<UnitName>> members) {
        this.state = state;
        this.unit = unit;
        this.address = address;
        this.members = members;
    }

    @Override
    public UnitName unit() {
        return unit;
    }

    @Override
    public Map<String, Object> config() {
        return state.services().configSchema(unit.service()).withDefaults(state.services().userConfig(unit.service()));
    }

    /**
     * The unit's address; its public address is its machine's as recorded now (the provisioning
     * agent records it once the provider knows it), else the same address.
     */
    @Override
    public String unitAddress(String key) {
        if (key.equals("public-address")) {
            return state.units().machine(unit).flatMap(machine -> state.machines().publicAddress(machine)).orElse(address);
        }
        return address;
    }

    @Override
    public Map<RelationId, String> relations() {
        return state.relations().relationsOf(unit.service());
    }

    @Override
    public List<UnitName> relationMembers(RelationId relation) {
        return members.apply(relation);
    }

    @Override
    public Map<String, String> relationSettings(RelationId relation, UnitName of) {
        Map<String, String> settings = new LinkedHashMap<>();
        state.store().read(StatePaths.relationUnitSettings(relation, of))
                .ifPresent(node -> node.data().forEach((k, v) -> settings.put(k, v == null ? "" : String.valueOf(v))));
        return settings;
    }
}
