package org.juju.agents.simulated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.juju.agents.runtime.AgentConnection;
import org.juju.agents.runtime.AgentContext;
import org.juju.agents.runtime.Shutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real agent run on a thread of this JVM instead of in a process of its own: the same
 * {@link AgentConnection} (its own ZooKeeper session, authenticated with the credential file of its
 * directory) and {@link AgentContext} as {@code AgentMain} gives it, and the agent's own
 * {@code run()} until {@link #stop()}. What {@code AgentMain} adds for a process is left out: pid
 * file, log file, JVM shutdown hook, debug-log forwarding and the identity hand-over of
 * {@code juju upgrade-security} (simulated agents get their identity when they start).
 */
public final class InProcessAgent {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessAgent.class);
    /** How long {@link #stop()} waits for the agent to clean up. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private final String identity;
    private final Shutdown shutdown = new Shutdown();
    private final Thread thread;
    private final Runnable onExit;

    private InProcessAgent(String identity, String zooKeeper, Path dir, Consumer<AgentContext> body, Runnable onExit) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.onExit = onExit;
        this.thread = new Thread(() -> run(zooKeeper, dir, body), "agent-" + identity);
        thread.setDaemon(true);
    }

    /**
     * Starts the agent {@code identity} ({@code provisioning}, {@code machine-N}, {@code unit-S-N}),
     * connecting to {@code zooKeeper}, working in {@code dir} (which holds its credential file if it
     * has an identity), running {@code body} (such as {@code context -> new UnitAgent(context).run()})
     * once connected. {@code onExit} runs when the agent's thread ends, however it ends.
     */
    public static InProcessAgent start(String identity, String zooKeeper, Path dir, Consumer<AgentContext> body,
                                       Runnable onExit) {
        InProcessAgent agent = new InProcessAgent(identity, zooKeeper, dir, body, onExit);
        agent.thread.start();
        return agent;
    }

    /** The agent's identity. */
    public String identity() {
        return identity;
    }

    /** True while the agent's thread runs. */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /**
     * Asks the agent to stop and waits (up to 30 s) until it did: its ZooKeeper session is closed
     * then. Idempotent.
     */
    public void stop() {
        requestStop();
        awaitStopped();
    }

    /** Asks the agent to stop without waiting (see {@link #awaitStopped()}), so that many stop at once. */
    public void requestStop() {
        shutdown.request();
    }

    /** Waits (up to 30 s) until the agent stopped after {@link #requestStop()}; interrupts it after that. */
    public void awaitStopped() {
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not stop within {} s; interrupting it", identity, STOP_TIMEOUT.toSeconds());
            thread.interrupt();
        }
    }

    private void run(String zooKeeper, Path dir, Consumer<AgentContext> body) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            LOG.error("{} cannot create its directory {}: {}", identity, dir, e.toString());
            onExit.run();
            return;
        }
        try (AgentConnection connection = AgentConnection.open(zooKeeper, dir, shutdown)) {
            if (connection.awaitConnected()) {
                body.accept(new AgentContext(identity, zooKeeper, dir, connection, shutdown));
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.error("{} failed: {}", identity, e.toString(), e);
        } finally {
            onExit.run();
        }
    }
}
