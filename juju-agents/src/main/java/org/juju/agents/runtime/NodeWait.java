package org.juju.agents.runtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for a znode to exist (such as {@code /initialized}), for as long as it takes. */
final class NodeWait {
    private static final Logger LOG = LoggerFactory.getLogger(NodeWait.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final long SLICE_MILLIS = 200;
    private static final long RETRY_MILLIS = 1000;

    private NodeWait() {
    }

    /**
     * Blocks until {@code path} exists, watching it, checking again every second, and logging every
     * 10 s while it waits. Connection problems are waited out. A node the agent may not read counts
     * as existing (ZooKeeper refuses {@code exists} only on a node that exists). The periodic check
     * is needed: ZooKeeper does not notify a watcher of a change to a node it may not read, so the
     * creation of such a node (such as {@code /initialized}, which an agent started before
     * bootstrap finished waits for) never fires the watch.
     *
     * @return true once it exists; false if a stop was requested first or the thread was interrupted
     *         (the interrupt flag is then set)
     */
    static boolean await(AgentConnection connection, String path) {
        long started = System.nanoTime();
        long nextLog = started + LOG_EVERY.toNanos();
        try {
            while (!connection.shutdown().isRequested() && connection.awaitConnected()) {
                CountDownLatch changed = new CountDownLatch(1);
                try {
                    Watcher watcher = event -> changed.countDown();
                    if (connection.client().checkExists().usingWatcher(watcher).forPath(path) != null) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    throw e;
                } catch (org.apache.zookeeper.KeeperException.NoAuthException e) {
                    // ZooKeeper checks the ACL of a node that exists only: the node is there, and
                    // this agent may not read it (such as /initialized, which only the admin and
                    // the provisioning agent may read).
                    return true;
                } catch (Exception e) { // Curator declares Exception; retried after a pause
                    LOG.debug("cannot check {}: {}", path, e.toString());
                }
                long retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
                while (!changed.await(SLICE_MILLIS, TimeUnit.MILLISECONDS)
                        && !connection.shutdown().isRequested() && connection.isConnected()
                        && System.nanoTime() - retryAt < 0) {
                    if (System.nanoTime() - nextLog >= 0) {
                        LOG.info("waiting for {} in ZooKeeper ({} s)", path,
                                Duration.ofNanos(System.nanoTime() - started).toSeconds());
                        nextLog += LOG_EVERY.toNanos();
                    }
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
