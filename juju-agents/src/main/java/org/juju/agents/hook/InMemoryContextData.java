package org.juju.agents.hook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.juju.provider.Port;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/**
 * {@link ContextData} held in memory, for tests and for running a charm's hooks without an
 * environment. Set it up fluently, run hooks against it, and {@link #apply(HookChanges)} what a
 * successful hook changed, as the agent would commit it:
 *
 * <pre>{@code
 * InMemoryContextData data = new InMemoryContextData(UnitName.parse("wordpress/0"))
 *         .config("title", "My blog")
 *         .address("private-address", "10.0.0.2")
 *         .relation(new RelationId(0), "db", UnitName.parse("mysql/0"))
 *         .settings(new RelationId(0), UnitName.parse("mysql/0"), Map.of("user", "wp"));
 * }</pre>
 *
 * <p>Thread-safe: every method synchronizes on this object, and reads return copies.
 */
public final class InMemoryContextData implements ContextData {
    private final UnitName unit;
    private final Map<String, Object> config = new LinkedHashMap<>();
    private final Map<String, String> addresses = new TreeMap<>();
    private final Map<RelationId, String> relations = new TreeMap<>();
    private final Map<RelationId, List<UnitName>> members = new TreeMap<>();
    private final Map<RelationId, Map<UnitName, Map<String, String>>> settings = new TreeMap<>();
    private final TreeSet<Port> openPorts = new TreeSet<>();
    private WorkloadStatus status;

    public InMemoryContextData(UnitName unit) {
        this.unit = unit;
    }

    /** Sets a config value: a String, Long (or Integer), Double (or Float), Boolean or null. */
    public synchronized InMemoryContextData config(String key, Object value) {
        config.put(key, typed(key, value));
        return this;
    }

    /** Sets {@code private-address} or {@code public-address}. */
    public synchronized InMemoryContextData address(String key, String address) {
        addresses.put(key, address);
        return this;
    }

    /** Adds (or replaces) a relation with its remote members; each member gets empty settings unless set. */
    public synchronized InMemoryContextData relation(RelationId id, String name, UnitName... remoteMembers) {
        relations.put(id, name);
        members.put(id, List.of(remoteMembers));
        Map<UnitName, Map<String, String>> byUnit = settings.computeIfAbsent(id, k -> new TreeMap<>());
        byUnit.putIfAbsent(unit, new TreeMap<>());
        for (UnitName member : remoteMembers) {
            byUnit.putIfAbsent(member, new TreeMap<>());
        }
        return this;
    }

    /**
     * Removes a relation from the unit's relations and its membership, keeping the settings
     * readable, as the state is while a {@code -relation-broken} hook runs.
     */
    public synchronized InMemoryContextData removeRelation(RelationId id) {
        relations.remove(id);
        members.remove(id);
        return this;
    }

    /** Replaces the settings of {@code who} (a member, this unit or a departed unit) in a relation. */
    public synchronized InMemoryContextData settings(RelationId id, UnitName who, Map<String, String> values) {
        settings.computeIfAbsent(id, k -> new TreeMap<>()).put(who, new TreeMap<>(values));
        return this;
    }

    /** Commits what a hook changed: own settings, ports and status (logs are not state). */
    public synchronized InMemoryContextData apply(HookChanges changes) {
        changes.settings().forEach((id, values) -> {
            Map<String, String> own = settings.computeIfAbsent(id, k -> new TreeMap<>())
                    .computeIfAbsent(unit, k -> new TreeMap<>());
            values.forEach((key, value) -> {
                if (value == null) {
                    own.remove(key);
                } else {
                    own.put(key, value);
                }
            });
        });
        openPorts.addAll(changes.opened());
        openPorts.removeAll(changes.closed());
        changes.status().ifPresent(s -> status = s);
        return this;
    }

    /** The ports open after the changes applied so far. */
    public synchronized List<Port> openPorts() {
        return List.copyOf(openPorts);
    }

    /** The workload status after the changes applied so far. */
    public synchronized Optional<WorkloadStatus> status() {
        return Optional.ofNullable(status);
    }

    @Override
    public UnitName unit() {
        return unit;
    }

    @Override
    public synchronized Map<String, Object> config() {
        return new LinkedHashMap<>(config);
    }

    @Override
    public synchronized String unitAddress(String key) {
        return addresses.get(key);
    }

    @Override
    public synchronized Map<RelationId, String> relations() {
        return new TreeMap<>(relations);
    }

    @Override
    public synchronized List<UnitName> relationMembers(RelationId relation) {
        List<UnitName> list = members.get(relation);
        if (list == null) {
            throw new NotFoundException(unit + " is not in relation " + relation);
        }
        return new ArrayList<>(list);
    }

    @Override
    public synchronized Map<String, String> relationSettings(RelationId relation, UnitName who) {
        Map<String, String> values = settings.getOrDefault(relation, Map.of()).get(who);
        if (values == null) {
            throw new NotFoundException("unit " + who + " has no settings in relation " + relation);
        }
        return new TreeMap<>(values);
    }

    private static Object typed(String key, Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        throw new InvalidInputException("config option '" + key + "': unsupported value type "
                + value.getClass().getSimpleName());
    }
}
