package org.juju.agents.provisioning;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.juju.agents.runtime.WatchSet;
import org.juju.state.path.StatePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Provisioner} rounds while this agent holds the provisioning leadership: several
 * provisioning agents may run, exactly one acts. A round runs when the tree changes (a watch only
 * marks the loop dirty; changes coalesce) and at least every {@code resync} (the provider may
 * drift). While the ZooKeeper connection is suspended no round runs, so no provider call is made on
 * stale state; after a reconnect the next round re-reads everything. A round under way stops at its
 * next step once the connection or the leadership is lost ({@link Provisioner#reconcile(java.util.function.BooleanSupplier)}).
 */
public final class ProvisioningLoop implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningLoop.class);
    private final CuratorFramework client;
    private final Provisioner provisioner;
    private final Duration resync;
    private final LeaderLatch latch;
    private final Semaphore dirty = new Semaphore(0);
    /** A round waits for this much quiet after the change that woke it... */
    private static final Duration SETTLE_QUIET = Duration.ofMillis(300);
    /** ...but never longer than this. */
    private static final Duration SETTLE_AT_MOST = Duration.ofMillis(1500);
    private final Thread thread;
    private final WatchSet watches;
    private volatile boolean running = true;

    public ProvisioningLoop(CuratorFramework client, Provisioner provisioner, Duration resync, String participantId) {
        this.client = client;
        this.provisioner = provisioner;
        this.resync = resync;
        this.latch = new LeaderLatch(client, StatePaths.provisioningLeader(), participantId);
        this.thread = new Thread(this::loop, "provisioning");
        this.watches = new WatchSet(client, ProvisioningLoop::unitAgentReport, dirty::release);
    }

    /** Starts competing for leadership and reconciling. */
    public void start() {
        try {
            latch.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot join the provisioning leader election", e);
        }
        watches.tree(StatePaths.unassignedUnits()).tree(StatePaths.machines()).tree(StatePaths.services())
                .tree(StatePaths.machinesPresence())
                // Not the whole /relations subtree: the units' relation settings are not open to this agent.
                .node(StatePaths.relations());
        thread.start();
    }

    /** True while this agent is the acting provisioning agent. */
    public boolean isLeader() {
        return latch.hasLeadership();
    }

    private void loop() {
        boolean wasLeader = false;
        while (running) {
            try {
                if (!latch.await(1, TimeUnit.SECONDS)) {
                    wasLeader = false;
                    continue;
                }
                if (!wasLeader) {
                    LOG.info("this agent is now the acting provisioning agent");
                    wasLeader = true;
                } else if (dirty.tryAcquire(resync.toMillis(), TimeUnit.MILLISECONDS)) {
                    settle();
                }
                dirty.drainPermits();
                if (mayAct()) {
                    watches.follow(relationMembers());
                    provisioner.reconcile(this::mayAct);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("provisioning round failed, will retry: {}", e.getMessage());
                sleepQuietly();
            }
        }
    }

    /**
     * Lets a burst of changes end before the round, up to {@link #SETTLE_AT_MOST}: a large deploy is
     * written in several transactions (250 units each), and a round that places them all at once
     * opens the shared nodes' ACLs once and starts their machines together, where rounds started by
     * the first transaction would place the rest while the first units' agents load the machine.
     */
    private void settle() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_AT_MOST.toNanos();
        while (System.nanoTime() < deadline && dirty.tryAcquire(SETTLE_QUIET.toMillis(), TimeUnit.MILLISECONDS)) {
            dirty.drainPermits();
        }
    }

    /**
     * Whether this agent may act now: it runs, is connected and holds the leadership. Asked before
     * every step of a round, so a leader that is suspended, expired or replaced mid-round stops.
     */
    private boolean mayAct() {
        return running && client.getZookeeperClient().isConnected() && latch.hasLeadership();
    }

    /**
     * Whether {@code path} is a unit's status or status history: the unit agents' reports, which
     * no round reads, so their many writes wake no round.
     */
    static boolean unitAgentReport(String path) {
        return path.startsWith(StatePaths.services() + "/") && path.contains("/units/")
                && (path.endsWith("/status") || path.endsWith("/status-history"));
    }

    /** The members of every relation: the last one leaving a dying relation lets it be removed. */
    private java.util.Set<String> relationMembers() {
        try {
            return client.getChildren().forPath(StatePaths.relations()).stream()
                    .map(id -> StatePaths.relationMembers(org.juju.state.model.RelationId.parse(id)))
                    .collect(java.util.stream.Collectors.toSet());
        } catch (Exception e) { // Curator declares Exception
            throw new org.juju.state.error.StateUnavailableException("cannot list the relations: " + e, e);
        }
    }

    /** Backs off after a failed round so a persistent failure does not spin. */
    private void sleepQuietly() {
        try {
            dirty.tryAcquire(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops reconciling and gives up leadership. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        watches.close();
        latch.close();
    }
}
