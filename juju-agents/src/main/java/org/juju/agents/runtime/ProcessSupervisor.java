package org.juju.agents.runtime;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one child process running: starts it, and whenever it exits without having been asked to,
 * starts it again after a {@link Backoff} delay. {@link #stop()} sends SIGTERM, and after the stop
 * timeout SIGKILL to the child and to every process below it. The child's stdout and stderr are
 * appended to its log file; stdin is {@code /dev/null}. The machine agent runs its unit agents this
 * way. A supervisor is started once and stopped once. Thread-safe.
 */
public final class ProcessSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessSupervisor.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /**
     * The exit status of an agent that cannot start until a person repairs something local (a
     * corrupt state file): restarting it at once would only fail again, so it is restarted after
     * {@link #REPAIR_WAIT} each time, never faster (78 is {@code EX_CONFIG} of sysexits.h).
     */
    public static final int EXIT_NEEDS_REPAIR = 78;
    /** The delay before restarting a child that exited with {@link #EXIT_NEEDS_REPAIR}. */
    public static final Duration REPAIR_WAIT = Duration.ofSeconds(60);

    private final String name;
    private final ChildCommand command;
    private final Backoff backoff;
    private final Duration stopTimeout;
    private final Object lock = new Object();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicBoolean started = new AtomicBoolean();
    private final Thread thread;
    private Process current;
    private Process adopted;
    private boolean stopping;

    /**
     * A supervisor of {@code command}, named {@code name} in log lines.
     *
     * @param stopTimeout how long {@link #stop()} waits after SIGTERM before SIGKILL
     */
    public ProcessSupervisor(String name, ChildCommand command, Backoff backoff, Duration stopTimeout) {
        this.name = Objects.requireNonNull(name, "name");
        this.command = Objects.requireNonNull(command, "command");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
        this.thread = new Thread(this::superviseLoop, "supervisor-" + name);
        thread.setDaemon(true);
    }

    /**
     * Starts the child and returns; restarts happen in the background.
     *
     * @throws IllegalStateException if started before
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException(name + " was started before");
        }
        thread.start();
    }

    /**
     * Like {@link #start()}, but {@code running} (already started, e.g. a spare JVM just given its
     * assignment) is the first child; restarts run the supervisor's command as usual.
     *
     * @throws IllegalStateException if started before
     */
    public void startAdopting(Process running) {
        synchronized (lock) {
            adopted = Objects.requireNonNull(running, "running");
        }
        start();
    }

    /** The running child, if any (none while waiting to restart it, or after {@link #stop()}). */
    public Optional<ProcessHandle> process() {
        synchronized (lock) {
            return current != null && current.isAlive() ? Optional.of(current.toHandle()) : Optional.empty();
        }
    }

    /** How many times the child has been started. */
    public int starts() {
        return starts.get();
    }

    /**
     * Stops supervising and stops the child: SIGTERM, then SIGKILL (to it and its descendants) if it
     * is still alive after the stop timeout. Blocks until the child is gone. Idempotent.
     */
    public void stop() {
        Process child;
        synchronized (lock) {
            stopping = true;
            child = current;
        }
        stopRequested.countDown();
        if (child != null) {
            terminate(child);
        }
        try {
            thread.join(KILL_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void superviseLoop() {
        Duration delay = null;
        while (true) {
            long started = System.nanoTime();
            Optional<Process> child = launch();
            if (child.isPresent()) {
                int status = waitFor(child.get());
                synchronized (lock) {
                    current = null;
                    if (stopping) {
                        return;
                    }
                }
                Duration uptime = Duration.ofNanos(System.nanoTime() - started);
                delay = delayAfter(status, delay, uptime, backoff);
                LOG.warn("{} exited with status {} after {} ms; restarting in {} ms{}", name, status,
                        uptime.toMillis(), delay.toMillis(), status == EXIT_NEEDS_REPAIR ? " (it needs a repair)" : "");
            } else {
                delay = backoff.next(delay, Duration.ZERO);
            }
            if (awaitStop(delay)) {
                return;
            }
        }
    }

    /**
     * The delay before restarting a child that exited with {@code status} after {@code uptime}:
     * the backoff's, but never less than {@link #REPAIR_WAIT} for {@link #EXIT_NEEDS_REPAIR}.
     */
    static Duration delayAfter(int status, Duration previous, Duration uptime, Backoff backoff) {
        Duration next = backoff.next(previous, uptime);
        return status == EXIT_NEEDS_REPAIR && next.compareTo(REPAIR_WAIT) < 0 ? REPAIR_WAIT : next;
    }

    /** Starts the child unless a stop was requested. */
    private Optional<Process> launch() {
        synchronized (lock) {
            if (stopping) {
                if (adopted != null) {
                    adopted.destroy();
                    adopted = null;
                }
                return Optional.empty();
            }
            if (adopted != null) {
                current = adopted;
                adopted = null;
                starts.incrementAndGet();
                LOG.info("started {} (pid {}, a spare JVM)", name, current.pid());
                return Optional.of(current);
            }
            try {
                Files.createDirectories(command.logFile().toAbsolutePath().getParent());
                ProcessBuilder builder = new ProcessBuilder(command.command())
                        .directory(command.directory().toFile())
                        .redirectInput(Redirect.from(new File("/dev/null")))
                        .redirectOutput(Redirect.appendTo(command.logFile().toFile()))
                        .redirectErrorStream(true);
                builder.environment().putAll(command.environment());
                current = builder.start();
                starts.incrementAndGet();
                LOG.info("started {} (pid {})", name, current.pid());
                return Optional.of(current);
            } catch (IOException e) {
                LOG.error("cannot start {}: {}", name, e.toString());
                return Optional.empty();
            }
        }
    }

    private static int waitFor(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // the supervisor thread is only ever stopped through stop(), which ends the child
            }
        }
    }

    private boolean awaitStop(Duration delay) {
        try {
            return stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void terminate(Process child) {
        List<ProcessHandle> below = new ArrayList<>(child.descendants().toList());
        child.destroy();
        try {
            if (child.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("stopped {} (pid {})", name, child.pid());
                return;
            }
            LOG.warn("{} (pid {}) did not stop within {} ms of SIGTERM; killing it", name, child.pid(),
                    stopTimeout.toMillis());
            child.descendants().forEach(below::add);
            below.forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
            if (!child.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.error("{} (pid {}) survived SIGKILL", name, child.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
        }
    }
}
