package org.juju.agents.uniter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/**
 * {@link LocalState} to and from plain YAML data. Decoding is strict: a missing key, a value of the
 * wrong type or an unknown format is an {@link IllegalArgumentException} naming the key.
 */
final class LocalStateYaml {
    static final int FORMAT = 1;

    private LocalStateYaml() {
    }

    static Map<String, Object> encode(LocalState state) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("format", FORMAT);
        data.put("charm", state.charmUrl());
        data.put("started", state.started());
        data.put("stopped", state.stopped());
        data.put("config-version", state.configVersion());
        data.put("resolved-version", state.resolvedVersion());
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("step", state.operation().step().name().toLowerCase(java.util.Locale.ROOT));
        operation.put("hook", encodeHook(state.operation().hook()));
        data.put("operation", operation);
        Map<String, Object> relations = new LinkedHashMap<>();
        state.relations().forEach((id, relation) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", relation.name());
            Map<String, Object> members = new LinkedHashMap<>();
            relation.members().forEach((unit, version) -> members.put(unit.toString(), version));
            entry.put("members", members);
            entry.put("changed-pending", relation.changedPending().stream().map(UnitName::toString).toList());
            entry.put("failed-hook", encodeHook(relation.failedHook()));
            entry.put("resolved-version", relation.resolvedVersion());
            relations.put(id.toString(), entry);
        });
        data.put("relations", relations);
        return data;
    }

    static LocalState decode(Map<String, Object> data) {
        Object format = data.get("format");
        if (!Integer.valueOf(FORMAT).equals(format)) {
            throw new IllegalArgumentException("unsupported format " + format + " (expected " + FORMAT + ")");
        }
        Map<?, ?> operation = map(data, "operation");
        Operation.Step step = Operation.Step.valueOf(text(operation, "step", false).toUpperCase(java.util.Locale.ROOT));
        Map<RelationId, RelationLocal> relations = new TreeMap<>();
        map(data, "relations").forEach((key, value) -> relations.put(RelationId.parse(String.valueOf(key)),
                decodeRelation(asMap(value, "relations." + key))));
        String charm = text(data, "charm", true);
        return new LocalState(charm != null, bool(data, "started"), bool(data, "stopped"), charm,
                integer(data, "config-version"), new Operation(step, decodeHook(operation.get("hook"), "operation.hook")),
                integer(data, "resolved-version"), relations);
    }

    private static RelationLocal decodeRelation(Map<?, ?> data) {
        Map<UnitName, Integer> members = new TreeMap<>();
        map(data, "members").forEach((unit, version) -> members.put(UnitName.parse(String.valueOf(unit)),
                asInt(version, "members." + unit)));
        TreeSet<UnitName> pending = new TreeSet<>();
        Object list = data.get("changed-pending");
        if (!(list instanceof List<?> units)) {
            throw new IllegalArgumentException("changed-pending: expected a list");
        }
        units.forEach(unit -> pending.add(UnitName.parse(String.valueOf(unit))));
        return new RelationLocal(text(data, "name", false), members, pending,
                decodeHook(data.get("failed-hook"), "failed-hook"), integer(data, "resolved-version"));
    }

    private static Map<String, Object> encodeHook(Hook hook) {
        if (hook == null) {
            return null;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", hook.kind().text());
        if (hook.relation() != null) {
            data.put("relation", hook.relation().value());
            data.put("relation-name", hook.relationName());
        }
        if (hook.remoteUnit() != null) {
            data.put("remote-unit", hook.remoteUnit().toString());
        }
        data.put("version", hook.version());
        if (hook.charmUrl() != null) {
            data.put("charm", hook.charmUrl());
        }
        return data;
    }

    private static Hook decodeHook(Object value, String where) {
        if (value == null) {
            return null;
        }
        Map<?, ?> data = asMap(value, where);
        Object relation = data.get("relation");
        String unit = text(data, "remote-unit", true);
        return new Hook(HookKind.parse(text(data, "kind", false)),
                relation == null ? null : new RelationId(asInt(relation, where + ".relation")),
                text(data, "relation-name", true), unit == null ? null : UnitName.parse(unit),
                integer(data, "version"), text(data, "charm", true));
    }

    private static Map<?, ?> map(Map<?, ?> data, String key) {
        return asMap(data.get(key), key);
    }

    private static Map<?, ?> asMap(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(where + ": expected a mapping");
    }

    private static String text(Map<?, ?> data, String key, boolean optional) {
        Object value = data.get(key);
        if (value instanceof String text) {
            return text;
        }
        if (value == null && optional) {
            return null;
        }
        throw new IllegalArgumentException(key + ": expected a string");
    }

    private static boolean bool(Map<?, ?> data, String key) {
        if (data.get(key) instanceof Boolean value) {
            return value;
        }
        throw new IllegalArgumentException(key + ": expected true or false");
    }

    private static int integer(Map<?, ?> data, String key) {
        return asInt(data.get(key), key);
    }

    private static int asInt(Object value, String where) {
        if (value instanceof Integer number) {
            return number;
        }
        throw new IllegalArgumentException(where + ": expected an integer");
    }
}
