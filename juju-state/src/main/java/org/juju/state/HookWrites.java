package org.juju.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.juju.state.model.RelationId;

/**
 * Everything one successful hook changed, committed together by {@link UnitState#commitHook}:
 * its own relation settings per relation (a {@code null} value deletes the key), the ports it
 * opened and closed ({@code 80/tcp} form), and the workload status it set (null: unchanged).
 */
public record HookWrites(Map<RelationId, Map<String, String>> settings, Set<String> opened, Set<String> closed,
                         String workloadStatus, String workloadMessage) {
    public HookWrites {
        Map<RelationId, Map<String, String>> copy = new TreeMap<>();
        settings.forEach((id, changes) -> copy.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(changes))));
        settings = Collections.unmodifiableMap(copy);
        opened = Set.copyOf(opened);
        closed = Set.copyOf(closed);
    }

    /** True when the hook changed nothing that is committed. */
    public boolean isEmpty() {
        return settings.values().stream().allMatch(Map::isEmpty) && opened.isEmpty() && closed.isEmpty()
                && workloadStatus == null;
    }
}
