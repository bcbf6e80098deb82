package org.juju.agents.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.juju.state.watch.StateWatcher;

/**
 * The watches of an agent, all with one effect: {@code onChange} runs (it marks the agent's loop
 * dirty). Some are fixed for the agent's life; the others follow a set of subtrees the agent
 * recomputes each round ({@link #follow}), e.g. the relations of its service, so an agent is woken
 * by changes to what it depends on and not by the rest of the environment. Thread-safe.
 */
public final class WatchSet implements AutoCloseable {
    private final CuratorFramework client;
    private final Runnable onChange;
    private final Map<String, StateWatcher> fixed = new HashMap<>();
    private final Map<String, StateWatcher> followed = new HashMap<>();
    private boolean closed;

    public WatchSet(CuratorFramework client, Runnable onChange) {
        this.client = client;
        this.onChange = onChange;
    }

    /** Watches the subtree at {@code path} (the node and everything below it) for good. */
    public synchronized WatchSet tree(String path) {
        if (!closed) {
            fixed.computeIfAbsent(path, p -> StateWatcher.start(client, p, snapshot -> onChange.run()));
        }
        return this;
    }

    /** Watches the node at {@code path} alone, for good. */
    public synchronized WatchSet node(String path) {
        if (!closed) {
            fixed.computeIfAbsent(path, p -> StateWatcher.startNode(client, p, snapshot -> onChange.run()));
        }
        return this;
    }

    /**
     * Makes the followed subtrees exactly {@code paths}: starts watching the new ones, stops
     * watching those no longer wanted. A new watch signals once when loaded.
     */
    public synchronized void follow(Set<String> paths) {
        if (closed) {
            return;
        }
        followed.entrySet().removeIf(entry -> {
            if (paths.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().close();
            return true;
        });
        paths.forEach(path -> followed.computeIfAbsent(path, p -> StateWatcher.start(client, p, snapshot -> onChange.run())));
    }

    /** The paths followed now. */
    public synchronized Set<String> followed() {
        return Set.copyOf(followed.keySet());
    }

    /** Stops every watch. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        fixed.values().forEach(StateWatcher::close);
        followed.values().forEach(StateWatcher::close);
        fixed.clear();
        followed.clear();
    }
}
