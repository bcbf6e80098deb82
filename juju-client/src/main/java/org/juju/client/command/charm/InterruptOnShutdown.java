package org.juju.client.command.charm;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a hook run cleanly when the client is killed (Ctrl-C, SIGTERM): a JVM shutdown hook
 * interrupts the thread that runs the hook, whose hook runner then kills the hook's processes and
 * whose try-with-resources closes the simulated unit (deleting its working copy). The shutdown
 * hook holds the JVM until {@link #close()} says that is done, at most {@value #GRACE_MILLIS} ms.
 * Create it before the unit starts and close it after the unit is closed.
 */
final class InterruptOnShutdown implements AutoCloseable {
    /** How long the JVM waits for the run to clean up: the runner's SIGTERM-to-SIGKILL grace and then some. */
    static final long GRACE_MILLIS = 5000;

    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    /** Registers the shutdown hook that interrupts {@code worker}. */
    InterruptOnShutdown(Thread worker) {
        hook = new Thread(() -> {
            worker.interrupt();
            try {
                closed.await(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "run-hook-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run is over and cleaned up: lets a shutdown in progress go on, or removes the hook. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and now returns
        }
    }
}
