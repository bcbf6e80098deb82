package org.juju.agents.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.juju.state.watch.ChangeSignal;

/**
 * The watches of an agent, all with one effect: {@code onChange} runs (it marks the agent's loop
 * dirty). Some are fixed for the agent's life; the others follow a set of subtrees the agent
 * recomputes each round ({@link #follow}), e.g. the relations of its service, so an agent is woken
 * by changes to what it depends on and not by the rest of the environment. The watches read
 * nothing ({@link ChangeSignal}): the agent's round reads what it needs. Changes at the paths the
 * set's filter ignores (the agent's own writes, nodes it never reads) wake nothing. Thread-safe.
 */
public final class WatchSet implements AutoCloseable {
    private final CuratorFramework client;
    private final Predicate<String> ignored;
    private final Runnable onChange;
    private final Map<String, ChangeSignal> fixed = new HashMap<>();
    private final Map<String, ChangeSignal> followed = new HashMap<>();
    private boolean closed;

    /** A set woken by every change in what it watches. */
    public WatchSet(CuratorFramework client, Runnable onChange) {
        this(client, path -> false, onChange);
    }

    /** A set not woken by changes, in the subtrees it watches, at the paths {@code ignored} accepts. */
    public WatchSet(CuratorFramework client, Predicate<String> ignored, Runnable onChange) {
        this.client = client;
        this.ignored = ignored;
        this.onChange = onChange;
    }

    /** Watches the subtree at {@code path} (the node and everything below it) for good. */
    public synchronized WatchSet tree(String path) {
        if (!closed) {
            fixed.computeIfAbsent(path, p -> ChangeSignal.tree(client, p, ignored, onChange));
        }
        return this;
    }

    /** Watches the node at {@code path} alone, for good. */
    public synchronized WatchSet node(String path) {
        if (!closed) {
            fixed.computeIfAbsent(path, p -> ChangeSignal.node(client, p, onChange));
        }
        return this;
    }

    /**
     * Makes the followed subtrees exactly {@code paths}: starts watching the new ones, stops
     * watching those no longer wanted. A new watch signals once when set.
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
        paths.forEach(path -> followed.computeIfAbsent(path, p -> ChangeSignal.tree(client, p, ignored, onChange)));
    }

    /**
     * Waits until every watch of the set has been set on the server, at most {@code timeout} in all:
     * an agent that waits for this before its first round is not woken again by each watch being
     * set (each signals once when set).
     *
     * @return false if some were not set in time
     */
    public boolean awaitSet(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ChangeSignal> signals;
        synchronized (this) {
            signals = new ArrayList<>(fixed.values());
            signals.addAll(followed.values());
        }
        for (ChangeSignal signal : signals) {
            if (!signal.awaitSet(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /** The paths followed now. */
    public synchronized Set<String> followed() {
        return Set.copyOf(followed.keySet());
    }

    /** Stops every watch. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        fixed.values().forEach(ChangeSignal::close);
        followed.values().forEach(ChangeSignal::close);
        fixed.clear();
        followed.clear();
    }
}
