package org.juju.state.watch;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.juju.state.store.Node;

/**
 * An immutable view of a watched subtree at one moment: every node's decoded data and version,
 * keyed by absolute path (sorted). Agents plan from a snapshot, never from individual events.
 */
public record TreeSnapshot(Map<String, Node> nodes) {
    public TreeSnapshot {
        nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
    }

    /** The node at {@code path}, if present. */
    public Optional<Node> node(String path) {
        return Optional.ofNullable(nodes.get(path));
    }

    /** The names of the direct children of {@code path}, sorted. */
    public List<String> children(String path) {
        String prefix = path.endsWith("/") ? path : path + "/";
        return nodes.keySet().stream()
                .filter(p -> p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0)
                .map(p -> p.substring(prefix.length()))
                .toList();
    }
}
