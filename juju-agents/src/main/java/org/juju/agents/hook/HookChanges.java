package org.juju.agents.hook;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.juju.provider.Port;
import org.juju.state.model.RelationId;

/**
 * Everything a hook asked to change, as buffered by its {@link HookContext}. The caller commits it
 * in one transaction only if the hook exited 0, and discards it otherwise. Immutable: the maps and
 * sets are unmodifiable copies (sorted by relation, key and port).
 *
 * @param settings the unit's own settings per relation: key to new value, {@code null} meaning delete the key.
 *                 Writes that would not change the stored value are left out, as are relations left unchanged.
 * @param opened   ports to open (never also in {@code closed})
 * @param closed   ports to close
 * @param status   the last workload status set, if any
 * @param logs     the {@code juju-log} lines, in order
 */
public record HookChanges(Map<RelationId, Map<String, String>> settings, Set<Port> opened, Set<Port> closed,
                          Optional<WorkloadStatus> status, List<LogLine> logs) {
    private static final HookChanges NONE = new HookChanges(Map.of(), Set.of(), Set.of(), Optional.empty(), List.of());

    public HookChanges {
        TreeMap<RelationId, Map<String, String>> copy = new TreeMap<>();
        // Map.copyOf refuses null values, and null is how a deletion is written.
        settings.forEach((id, values) -> copy.put(id, Collections.unmodifiableMap(new TreeMap<>(values))));
        settings = Collections.unmodifiableMap(copy);
        opened = Collections.unmodifiableSet(new TreeSet<>(opened));
        closed = Collections.unmodifiableSet(new TreeSet<>(closed));
        Objects.requireNonNull(status, "status");
        logs = List.copyOf(logs);
        if (!Collections.disjoint(opened, closed)) {
            throw new IllegalArgumentException("a port cannot be both opened and closed: " + opened + " " + closed);
        }
    }

    /** No changes at all: what a missing hook produces. */
    public static HookChanges none() {
        return NONE;
    }

    /** True if there is nothing to commit (log lines aside, which are not state). */
    public boolean isEmpty() {
        return settings.isEmpty() && opened.isEmpty() && closed.isEmpty() && status.isEmpty();
    }
}
