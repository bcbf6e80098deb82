package org.juju.state.watch;

import java.io.Closeable;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.juju.state.error.JujuException;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a subtree with a Curator {@link CuratorCache} (a persistent recursive watch) and tells
 * one listener "it changed" with an immutable {@link TreeSnapshot} of the whole subtree.
 *
 * <p>Signals coalesce: any number of events while a delivery is pending or running give one
 * more delivery, made after the last of them, so the listener always ends up seeing the latest
 * state but not necessarily every intermediate one (ZooKeeper cannot promise that either).
 * Deliveries run on one thread of the watcher's own, one at a time; the thread ends after
 * {@value #IDLE_SECONDS} s without a delivery and a new one starts with the next (agents run many
 * to a JVM in a simulated environment hold no threads for quiet watches). The first delivery comes once
 * the cache is loaded; after a reconnect the cache re-reads the tree and a delivery follows.
 * Nodes whose data is not YAML are delivered with empty data and logged, never fatal.
 */
public final class StateWatcher implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(StateWatcher.class);
    /** How long the delivery thread waits idle before it ends. */
    static final long IDLE_SECONDS = 10;
    private final CuratorCache cache;
    private final CuratorFramework client;
    private final Consumer<TreeSnapshot> listener;
    private final ExecutorService delivery;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean initialized = new AtomicBoolean();
    private final Map<String, Node> decoded = new ConcurrentHashMap<>();
    private final ConnectionStateListener reconnects = this::onConnectionState;

    private StateWatcher(CuratorFramework client, String path, Consumer<TreeSnapshot> listener, CuratorCache.Options... options) {
        this.client = client;
        this.listener = listener;
        this.cache = CuratorCache.build(client, path, options);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "state-watcher " + path);
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        this.delivery = executor;
    }

    /**
     * Starts watching {@code path} (which need not exist yet) and delivering snapshots to
     * {@code listener}. Close the watcher to stop.
     */
    public static StateWatcher start(CuratorFramework client, String path, Consumer<TreeSnapshot> listener) {
        return start(new StateWatcher(client, path, listener));
    }

    /**
     * Like {@link #start}, but watches the node at {@code path} alone, not its children: changes
     * below it are not signalled, and snapshots hold that one node (when it exists).
     */
    public static StateWatcher startNode(CuratorFramework client, String path, Consumer<TreeSnapshot> listener) {
        return start(new StateWatcher(client, path, listener, CuratorCache.Options.SINGLE_NODE_CACHE));
    }

    private static StateWatcher start(StateWatcher watcher) {
        CuratorFramework client = watcher.client;
        watcher.cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, oldData, data) -> watcher.signal())
                .forInitialized(() -> {
                    watcher.initialized.set(true);
                    watcher.signal();
                })
                .build());
        client.getConnectionStateListenable().addListener(watcher.reconnects);
        watcher.cache.start();
        return watcher;
    }

    private void onConnectionState(CuratorFramework c, ConnectionState state) {
        if (state == ConnectionState.RECONNECTED) {
            signal();
        }
    }

    private void signal() {
        if (initialized.get() && pending.compareAndSet(false, true)) {
            delivery.execute(this::deliver);
        }
    }

    private void deliver() {
        pending.set(false);
        Map<String, Node> nodes = new HashMap<>();
        cache.stream().forEach(data -> nodes.put(data.getPath(), decode(data)));
        decoded.keySet().retainAll(nodes.keySet());
        try {
            listener.accept(new TreeSnapshot(nodes));
        } catch (RuntimeException e) {
            LOG.error("watch listener failed", e);
        }
    }

    private Node decode(ChildData data) {
        int version = data.getStat() == null ? -1 : data.getStat().getVersion();
        Node known = decoded.get(data.getPath());
        if (known != null && known.version() == version) {
            return known;
        }
        Node node;
        try {
            node = new Node(data.getPath(), StateStore.decode(data.getPath(), data.getData()), version);
        } catch (JujuException e) {
            LOG.warn("ignoring unreadable data of {}: {}", data.getPath(), e.getMessage());
            node = new Node(data.getPath(), Map.of(), version);
        }
        decoded.put(data.getPath(), node);
        return node;
    }

    @Override
    public void close() {
        client.getConnectionStateListenable().removeListener(reconnects);
        cache.close();
        delivery.shutdownNow();
    }
}
