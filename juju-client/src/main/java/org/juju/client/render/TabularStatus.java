package org.juju.client.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.juju.state.StatusReader;

/**
 * Renders the status document for a person at a terminal: an environment line, then aligned
 * sections for machines, services, units and relations, and last the entities whose nodes could
 * not be read (shown as {@code error} in their section). Empty sections are left out.
 */
public final class TabularStatus {
    private TabularStatus() {
    }

    @SuppressWarnings("unchecked")
    public static String render(Map<String, Object> status) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> env = (Map<String, Object>) status.get("environment");
        out.append("Environment: ").append(env.get("name")).append("  Provider: ").append(env.get("provider"))
                .append("  ZooKeeper: ").append(env.get("zookeeper")).append("\n");
        Map<Object, Object> machines = (Map<Object, Object>) status.get("machines");
        Table machineTable = new Table("MACHINE", "STATE", "INSTANCE", "ADDRESS", "LIFE");
        Table errorTable = new Table("UNREADABLE", "ERROR");
        machines.forEach((id, value) -> {
            Map<String, Object> m = (Map<String, Object>) value;
            if (unreadable("machine " + id, m, errorTable)) {
                machineTable.row(id, "error", null, null, null);
                return;
            }
            machineTable.row(id, m.get("agent-state"), m.get("instance-id"), m.get("dns-name"), m.get("life"));
        });
        Map<String, Object> services = (Map<String, Object>) status.get("services");
        Table serviceTable = new Table("SERVICE", "CHARM", "EXPOSED", "UNITS", "LIFE");
        Table unitTable = new Table("UNIT", "STATE", "WORKLOAD", "MACHINE", "ADDRESS", "PORTS", "RELATION-ERRORS");
        Table relationTable = new Table("SERVICE", "RELATION", "RELATED-TO");
        services.forEach((name, value) -> {
            Map<String, Object> s = (Map<String, Object>) value;
            if (unreadable("service " + name, s, errorTable)) {
                serviceTable.row(name, "error", null, null, null);
                return;
            }
            Map<String, Object> units = (Map<String, Object>) s.get("units");
            serviceTable.row(name, s.get("charm"), Boolean.TRUE.equals(s.get("exposed")) ? "yes" : "no", units.size(), s.get("life"));
            units.forEach((unit, u) -> {
                Map<String, Object> unitMap = (Map<String, Object>) u;
                if (unreadable("unit " + unit, unitMap, errorTable)) {
                    unitTable.row(unit, "error", null, null, null, null, null);
                    return;
                }
                Object workload = unitMap.get("workload-status") instanceof Map<?, ?> w
                        ? w.get("current") + (w.get("message") == null ? "" : ": " + w.get("message")) : null;
                Map<String, Object> errors = (Map<String, Object>) unitMap.get("relation-errors");
                unitTable.row(unit, unitMap.get("agent-state") + (unitMap.get("life") == null ? "" : " (dying)")
                        + (unitMap.get("retry-at") == null ? "" : " (retry at " + unitMap.get("retry-at") + ")"), workload,
                        unitMap.get("machine"), unitMap.get("public-address"), String.join(",", strings(unitMap.get("open-ports"))),
                        errors == null || errors.isEmpty() ? null : String.join(",", errors.keySet()));
            });
            ((Map<String, Object>) s.get("relations")).forEach((relation, remotes) ->
                    relationTable.row(name, relation, String.join(", ", strings(remotes))));
        });
        for (Table table : List.of(machineTable, serviceTable, unitTable, relationTable, errorTable)) {
            if (!table.isEmpty()) {
                out.append("\n").append(table.render());
            }
        }
        return out.toString();
    }

    /** True (and a row of {@code errors}) for an entity the status reader could not read. */
    private static boolean unreadable(String what, Map<String, Object> entity, Table errors) {
        Object error = entity.get(StatusReader.ERROR);
        if (error == null) {
            return false;
        }
        errors.row(what, error);
        return true;
    }

    private static List<String> strings(Object list) {
        List<String> result = new ArrayList<>();
        if (list instanceof List<?> items) {
            items.forEach(item -> result.add(String.valueOf(item)));
        }
        return result;
    }
}
