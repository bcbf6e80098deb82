package org.juju.agents.hook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Killing a process and its descendants: SIGTERM to all, then SIGKILL to whatever is left after a
 * grace period. Processes that left the tree (a daemon that double-forked away) are out of reach.
 */
final class ProcessTrees {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTrees.class);

    private ProcessTrees() {
    }

    /** Kills {@code root}'s tree; returns when all are gone or were sent SIGKILL. Keeps the interrupt flag. */
    static void kill(ProcessHandle root, long graceMillis) {
        Set<ProcessHandle> tree = tree(root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        boolean interrupted = Thread.interrupted();
        for (ProcessHandle process : tree) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    process.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | TimeoutException e) {
                // still alive, or cannot tell: it gets SIGKILL below
            }
        }
        List<ProcessHandle> survivors = new ArrayList<>();
        for (ProcessHandle process : tree) {
            if (process.isAlive()) {
                survivors.add(process);
                process.descendants().forEach(survivors::add); // spawned since the first look
            }
        }
        survivors.forEach(ProcessHandle::destroyForcibly);
        if (!survivors.isEmpty()) {
            LOG.warn("Killed {} hook process(es) that ignored SIGTERM", survivors.size());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<ProcessHandle> tree(ProcessHandle root) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        return tree;
    }
}
