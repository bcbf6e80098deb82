package org.juju.agents.hook;

import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.juju.provider.Port;
import org.juju.state.Limits;
import org.juju.state.error.ConflictException;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/**
 * The state of one hook run as its tools see it: reads through a {@link ContextData}, each item read
 * at most once and then cached so the hook has a consistent view, and writes buffered until the hook
 * ends, to be taken with {@link #changes()}.
 *
 * <p>Reads of this unit's own settings include the writes buffered so far (a hook reads what it
 * wrote). A {@code -relation-broken} hook sees no members in its relation and may not write to it.
 * Once {@link #seal() sealed} (the hook has exited), writes are refused.
 *
 * <p>Threading: all methods synchronize on this object. The tool server also holds this monitor
 * around a whole tool run, so tools run in parallel by one hook take effect one at a time.
 *
 * <p>Failure modes: reads propagate the {@link ContextData}'s exceptions (not cached, so a retry
 * reads again); an unknown relation is a {@link NotFoundException}; refused writes are a
 * {@link ConflictException}.
 */
public final class HookContext {
    private final HookSpec spec;
    private final ContextData data;
    private final Consumer<LogLine> logListener;
    private final Clock clock;
    private final ChangeBuffer buffer;

    private Map<String, Object> config;
    private Map<RelationId, String> relations;
    private final Map<String, Optional<String>> addresses = new HashMap<>();
    private final Map<RelationId, List<UnitName>> members = new HashMap<>();
    private final Map<RelationId, Map<UnitName, Map<String, String>>> settings = new HashMap<>();

    /** A context whose {@code juju-log} lines are only buffered. */
    public HookContext(HookSpec spec, ContextData data) {
        this(spec, data, line -> { }, Clock.systemUTC());
    }

    /**
     * @param logListener told of each {@code juju-log} line as it is logged, while this context's
     *                    monitor is held (it must not call back into the context)
     * @param clock       stamps the log lines
     */
    public HookContext(HookSpec spec, ContextData data, Consumer<LogLine> logListener, Clock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.data = Objects.requireNonNull(data, "data");
        this.logListener = Objects.requireNonNull(logListener, "logListener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.buffer = new ChangeBuffer(spec.hookName());
    }

    public HookSpec spec() {
        return spec;
    }

    public UnitName unit() {
        return data.unit();
    }

    /** The configuration, defaults merged (see {@link ContextData#config()}). */
    public synchronized Map<String, Object> config() {
        if (config == null) {
            config = new LinkedHashMap<>(data.config());
        }
        return Collections.unmodifiableMap(config);
    }

    /** An address of the unit, or {@code null} if not known. */
    public synchronized String unitAddress(String key) {
        return addresses.computeIfAbsent(key, k -> Optional.ofNullable(data.unitAddress(k))).orElse(null);
    }

    /** The unit's relations, id to name on its side; the hook's own relation is always included. */
    public synchronized Map<RelationId, String> relations() {
        if (relations == null) {
            Map<RelationId, String> read = new TreeMap<>(data.relations());
            if (spec.relation() != null) {
                read.put(spec.relation(), spec.relationName());
            }
            relations = Collections.unmodifiableMap(read);
        }
        return relations;
    }

    /**
     * Resolves a relation id as a hook writes it: {@code db:3} or {@code 3}.
     *
     * @throws org.juju.state.error.InvalidInputException if malformed
     * @throws NotFoundException if not one of this unit's relations, or named differently
     */
    public synchronized RelationId relation(String text) {
        RelationId id = RelationId.parse(text);
        String name = relations().get(id);
        int colon = text.indexOf(':');
        if (name == null || (colon >= 0 && !text.substring(0, colon).equals(name))) {
            throw new NotFoundException("relation id '" + text + "' not found");
        }
        return id;
    }

    /** The remote members of a relation, sorted; none in the relation of a {@code -broken} hook. */
    public synchronized List<UnitName> relationMembers(RelationId id) {
        requireKnown(id);
        if (spec.broken() && id.equals(spec.relation())) {
            return List.of();
        }
        List<UnitName> list = members.get(id);
        if (list == null) {
            list = List.copyOf(new TreeSet<>(data.relationMembers(id)));
            members.put(id, list);
        }
        return list;
    }

    /** A unit's settings in a relation, sorted by key; this unit's include its buffered writes. */
    public synchronized Map<String, String> relationSettings(RelationId id, UnitName who) {
        requireKnown(id);
        Map<String, String> stored = stored(id, who);
        Map<String, String> pending = who.equals(unit()) ? buffer.pending(id) : null;
        if (pending == null) {
            return Collections.unmodifiableMap(stored);
        }
        TreeMap<String, String> merged = new TreeMap<>(stored);
        pending.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        return Collections.unmodifiableMap(merged);
    }

    /**
     * Buffers changes to this unit's settings in a relation; an empty (or null) value deletes the
     * key. Reads the stored settings first (once), so {@link #changes()} can leave out no-op writes.
     *
     * @throws ConflictException in the relation of a {@code -relation-broken} hook, or once sealed
     * @throws org.juju.state.error.InvalidInputException if the settings would grow past
     *         {@link Limits#RELATION_SETTINGS_BYTES}; nothing is buffered
     */
    public synchronized void setRelationSettings(RelationId id, Map<String, String> values) {
        requireKnown(id);
        if (spec.broken() && id.equals(spec.relation())) {
            throw new ConflictException("cannot change settings of relation " + id.hookId(spec.relationName())
                    + " in " + spec.hookName() + ": the relation is being removed");
        }
        ownStored(id);
        TreeMap<String, String> after = new TreeMap<>(relationSettings(id, unit()));
        values.forEach((key, value) -> {
            if (value == null || value.isEmpty()) {
                after.remove(key);
            } else {
                after.put(key, value);
            }
        });
        Limits.relationSettings(after, "settings of " + unit() + " in relation " + id.hookId(relations().get(id)));
        buffer.settings(id, values);
    }

    /** Buffers opening a port (cancelling a close of it buffered earlier). */
    public synchronized void openPort(Port port) {
        buffer.open(port);
    }

    /** Buffers closing a port (cancelling an open of it buffered earlier). */
    public synchronized void closePort(Port port) {
        buffer.close(port);
    }

    /**
     * Buffers the workload status; the last one set wins.
     *
     * @throws org.juju.state.error.InvalidInputException if the message is longer than
     *         {@link Limits#STATUS_MESSAGE_CHARS}
     */
    public synchronized void setStatus(WorkloadStatus status) {
        Limits.statusMessage(status.message());
        buffer.status(status);
    }

    /** Records a {@code juju-log} line and passes it to the log listener at once. */
    public synchronized void log(LogLevel level, String message) {
        LogLine line = new LogLine(clock.instant(), level, message);
        buffer.log(line);
        logListener.accept(line);
    }

    /** Refuses further writes: called when the hook has exited. Idempotent. */
    public synchronized void seal() {
        buffer.seal();
    }

    /** Everything buffered so far, leaving out settings writes that would not change a stored value. */
    public synchronized HookChanges changes() {
        return buffer.toChanges(this::ownStored);
    }

    private Map<String, String> stored(RelationId id, UnitName who) {
        Map<UnitName, Map<String, String>> byUnit = settings.computeIfAbsent(id, k -> new HashMap<>());
        Map<String, String> values = byUnit.get(who);
        if (values == null) {
            values = new TreeMap<>(data.relationSettings(id, who));
            byUnit.put(who, values);
        }
        return values;
    }

    /** This unit's stored settings; a unit that never wrote any has none (not an error here). */
    private Map<String, String> ownStored(RelationId id) {
        try {
            return stored(id, unit());
        } catch (NotFoundException e) {
            settings.get(id).put(unit(), new TreeMap<>());
            return Map.of();
        }
    }

    private void requireKnown(RelationId id) {
        if (!relations().containsKey(id)) {
            throw new NotFoundException("relation id '" + id + "' not found");
        }
    }
}
