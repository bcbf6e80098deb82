package org.juju.state;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.state.error.AccessDeniedException;
import org.juju.state.store.Node;
import org.juju.state.store.ReadOutcome;
import org.juju.state.store.StateStore;

/**
 * Reads through a store, answering from batches fetched ahead ({@link StateStore#readAll},
 * {@link StateStore#childrenAll}) where it has them: a reader that knows which nodes it will need
 * fetches them level by level in a few round trips, then reads them one by one as before, with the
 * same results and the same exceptions per path. Paths not fetched are read from the store. Not
 * thread-safe; for one pass over the tree (what was fetched is not refreshed).
 */
final class PrefetchedReads {
    private final StateStore store;
    private final Map<String, ReadOutcome<Optional<Node>>> nodes = new HashMap<>();
    private final Map<String, ReadOutcome<List<String>>> children = new HashMap<>();

    PrefetchedReads(StateStore store) {
        this.store = store;
    }

    /** Fetches {@code paths} in one pipelined batch. */
    void fetch(Collection<String> paths) {
        nodes.putAll(store.readAll(paths));
    }

    /** Fetches the child lists of {@code paths} in one pipelined batch. */
    void fetchChildren(Collection<String> paths) {
        children.putAll(store.childrenAll(paths));
    }

    /** What {@link StateStore#read} returns or throws for {@code path}. */
    Optional<Node> read(String path) {
        ReadOutcome<Optional<Node>> fetched = nodes.get(path);
        return fetched == null ? store.read(path) : fetched.get();
    }

    /**
     * What {@link StateStore#exists} returns or throws for {@code path}: a node fetched but refused
     * to this identity exists.
     */
    boolean exists(String path) {
        ReadOutcome<Optional<Node>> fetched = nodes.get(path);
        if (fetched == null) {
            return store.exists(path);
        }
        try {
            return fetched.get().isPresent();
        } catch (AccessDeniedException e) {
            return true;
        }
    }

    /** What {@link StateStore#children} returns or throws for {@code path}. */
    List<String> children(String path) {
        ReadOutcome<List<String>> fetched = children.get(path);
        return fetched == null ? store.children(path) : fetched.get();
    }

    /** The child list fetched for {@code path}, empty if it was not fetched or its listing failed. */
    List<String> fetchedChildren(String path) {
        ReadOutcome<List<String>> fetched = children.get(path);
        return fetched == null || fetched.failed() ? List.of() : fetched.get();
    }
}
