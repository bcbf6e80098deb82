package org.juju.agents.runtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stop request of an agent process. A stop is requested by SIGTERM (through a JVM shutdown
 * hook, once {@link #install installed}) or by {@link #request()}. The agent's main thread waits
 * with {@link #await()}, cleans up (deleting its presence node, closing its connection) and then
 * reports its exit status with {@link #finished(int)}.
 *
 * <p>The shutdown hook holds the JVM until {@link #finished} (at most {@code grace}) and then halts
 * it with the reported status, so an agent stopped by SIGTERM exits 0 after a clean stop, not 143.
 * A cleanup that overruns the grace period ends with status 1. Thread-safe.
 */
public final class Shutdown {
    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int status;
    private final java.util.List<Runnable> onRequest = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A stop request that only {@link #request()} triggers (no shutdown hook). */
    public Shutdown() {
    }

    /** A stop request triggered by SIGTERM too: installs the JVM shutdown hook. */
    public static Shutdown install(Duration grace) {
        Shutdown shutdown = new Shutdown();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown.onJvmShutdown(grace), "agent-shutdown"));
        return shutdown;
    }

    /** Requests the stop and runs the {@link #whenRequested} actions; idempotent. */
    public void request() {
        requested.countDown();
        onRequest.forEach(Runnable::run);
    }

    /**
     * Runs {@code action} when the stop is requested (at once if it was already), e.g. to wake a
     * loop that waits on something else. It may run more than once, so it must be idempotent and
     * quick: it runs on the requesting thread.
     */
    public void whenRequested(Runnable action) {
        onRequest.add(action);
        if (isRequested()) {
            action.run();
        }
    }

    /** True once a stop was requested. */
    public boolean isRequested() {
        return requested.getCount() == 0;
    }

    /**
     * Blocks until a stop is requested. If the calling thread is interrupted it returns early with
     * the interrupt flag set.
     */
    public void await() {
        try {
            requested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits up to {@code timeout} for a stop request.
     *
     * @return true if a stop was requested; false on timeout or interrupt (flag restored)
     */
    public boolean await(Duration timeout) {
        try {
            return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isRequested();
        }
    }

    /** Reports that the agent has cleaned up and should exit with {@code exitStatus}. */
    public void finished(int exitStatus) {
        status = exitStatus;
        finished.countDown();
    }

    private void onJvmShutdown(Duration grace) {
        boolean signalled = !isRequested() && finished.getCount() > 0;
        if (signalled) {
            LOG.info("stop requested (SIGTERM)");
        }
        request();
        try {
            if (!finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("agent did not stop within {} s; exiting anyway", grace.toSeconds());
                status = 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 1;
        }
        Runtime.getRuntime().halt(status);
    }
}
