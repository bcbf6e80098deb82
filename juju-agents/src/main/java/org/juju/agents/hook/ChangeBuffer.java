package org.juju.agents.hook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.juju.provider.Port;
import org.juju.state.error.ConflictException;
import org.juju.state.model.RelationId;

/**
 * The writes of one hook, held until it ends. Not thread-safe: {@link HookContext} guards it.
 * Sealing makes every later write fail with a {@link ConflictException}.
 */
final class ChangeBuffer {
    private final String hookName;
    private final Map<RelationId, Map<String, String>> settings = new TreeMap<>();
    private final TreeSet<Port> opened = new TreeSet<>();
    private final TreeSet<Port> closed = new TreeSet<>();
    private final List<LogLine> logs = new ArrayList<>();
    private WorkloadStatus status;
    private boolean sealed;

    ChangeBuffer(String hookName) {
        this.hookName = hookName;
    }

    /** Buffers settings; a null or empty value is kept as null, meaning delete. */
    void settings(RelationId id, Map<String, String> values) {
        requireOpen();
        Map<String, String> pending = settings.computeIfAbsent(id, k -> new TreeMap<>());
        values.forEach((key, value) -> pending.put(key, value == null || value.isEmpty() ? null : value));
    }

    /** The pending settings of a relation (null values delete), or null if none. */
    Map<String, String> pending(RelationId id) {
        return settings.get(id);
    }

    void open(Port port) {
        requireOpen();
        closed.remove(port);
        opened.add(port);
    }

    void close(Port port) {
        requireOpen();
        opened.remove(port);
        closed.add(port);
    }

    void status(WorkloadStatus newStatus) {
        requireOpen();
        status = Objects.requireNonNull(newStatus, "status");
    }

    /** Log lines are kept even after sealing: a straggling {@code juju-log} still says something. */
    void log(LogLine line) {
        logs.add(line);
    }

    void seal() {
        sealed = true;
    }

    /**
     * The buffered changes, leaving out settings writes equal to what is stored.
     *
     * @param stored the unit's stored settings per relation as the hook read them
     */
    HookChanges toChanges(Function<RelationId, Map<String, String>> stored) {
        Map<RelationId, Map<String, String>> effective = new TreeMap<>();
        settings.forEach((id, pending) -> {
            Map<String, String> before = stored.apply(id);
            Map<String, String> delta = new TreeMap<>();
            pending.forEach((key, value) -> {
                if (!Objects.equals(before.get(key), value)) {
                    delta.put(key, value);
                }
            });
            if (!delta.isEmpty()) {
                effective.put(id, delta);
            }
        });
        return new HookChanges(effective, opened, closed, Optional.ofNullable(status), logs);
    }

    private void requireOpen() {
        if (sealed) {
            throw new ConflictException(hookName + " has finished: its changes can no longer be modified");
        }
    }
}
