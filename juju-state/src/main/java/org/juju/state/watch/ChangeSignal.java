package org.juju.state.watch;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.watch.PersistentWatcher;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;

/**
 * Tells one listener "something changed" at a node or in a subtree, and reads nothing: a
 * ZooKeeper persistent watch (recursive for a subtree) through Curator's {@link PersistentWatcher},
 * for agents that re-read what they need in their next round anyway. Unlike {@link StateWatcher}
 * no node is read when it changes, and no thread is held: the listener runs on the ZooKeeper
 * client's event thread, so it must be quick (release a semaphore).
 *
 * <p>The listener runs once when the watch is set, and again each time it is set anew after a
 * reconnect (changes made while disconnected have no event of their own). Changes the agent makes
 * itself can be left out with a path filter, so that an agent's own writes do not wake it. As
 * with every watch in ZooKeeper 3.9, a change to a node the session may not read sends no event.
 * Thread-safe.
 */
public final class ChangeSignal implements Closeable {
    private final PersistentWatcher watcher;
    private final CountDownLatch set = new CountDownLatch(1);

    private ChangeSignal(CuratorFramework client, String path, boolean recursive, Predicate<WatchedEvent> relevant,
                         Runnable onChange) {
        this.watcher = new PersistentWatcher(client, path, recursive);
        watcher.getListenable().addListener(event -> {
            if (relevant.test(event)) {
                onChange.run();
            }
        });
        watcher.getResetListenable().addListener(() -> {
            onChange.run();
            set.countDown(); // after the signal: one who waited for the setting has had its signal
        });
        watcher.start();
    }

    /**
     * Signals every creation, change and deletion of {@code path} (which need not exist yet) and of
     * every node below it, except at the paths {@code ignored} accepts.
     */
    public static ChangeSignal tree(CuratorFramework client, String path, Predicate<String> ignored, Runnable onChange) {
        return new ChangeSignal(client, path, true,
                event -> event.getType() != EventType.None && event.getPath() != null && !ignored.test(event.getPath()),
                onChange);
    }

    /** Signals the creation, change and deletion of the node at {@code path} alone, not of its children. */
    public static ChangeSignal node(CuratorFramework client, String path, Runnable onChange) {
        return new ChangeSignal(client, path, false, event -> event.getType() == EventType.NodeCreated
                || event.getType() == EventType.NodeDataChanged || event.getType() == EventType.NodeDeleted, onChange);
    }

    /**
     * Waits until the watch has been set on the server and its first signal given, at most {@code timeout}.
     *
     * @return false if it was not set in time (e.g. while disconnected)
     */
    public boolean awaitSet(Duration timeout) throws InterruptedException {
        return set.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Removes the watch. Idempotent. */
    @Override
    public void close() {
        watcher.close();
    }
}
