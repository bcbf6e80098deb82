package org.juju.agents.machine;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.juju.agents.runtime.SpareAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most one spare unit agent JVM ({@code AgentMain spare}, see {@link SpareAgent}) kept by a
 * machine agent, so that the first unit deployed on a new machine does not wait for a JVM to start:
 * the spare boots and warms up while the charm is fetched, then {@link #take} hands it its
 * arguments. A spare is used once; one left unused exits by itself after its idle time, or when the
 * machine agent goes away (its stdin closes). Thread-safe.
 */
public final class SpareUnitAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpareUnitAgent.class);
    /** The spare's own output, before it is assigned (then the agent's goes to its directory). */
    static final String OUTPUT_FILE = "spare-agent.out";
    private Process spare;

    private SpareUnitAgent(Process spare) {
        this.spare = spare;
    }

    /**
     * Starts a spare in the machine agent's {@code directory} (its output goes to
     * {@value #OUTPUT_FILE} there until it is assigned) that exits after {@link SpareAgent#IDLE}
     * unused.
     *
     * @return the spare, or empty if it could not be started (units then start their own JVMs)
     */
    public static Optional<SpareUnitAgent> start(Path directory) {
        return start(directory, SpareAgent.IDLE);
    }

    /**
     * Like {@link #start(Path)}, with the spare's idle time ({@link java.time.Duration#ZERO}: it
     * waits as long as this JVM lives, for the spare of a spare machine).
     */
    public static Optional<SpareUnitAgent> start(Path directory, java.time.Duration idle) {
        List<String> command = new ArrayList<>(UnitAgentCommand.java());
        command.addAll(List.of(SpareAgent.KIND, "--dir", directory.toString(), "--idle-seconds",
                Long.toString(idle.toSeconds())));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectInput(Redirect.PIPE)
                    .redirectOutput(Redirect.appendTo(new File(directory.toFile(), OUTPUT_FILE)))
                    .redirectErrorStream(true);
            builder.environment().putAll(UnitAgentCommand.environment());
            Process process = builder.start();
            LOG.debug("started a spare unit agent JVM (pid {})", process.pid());
            return Optional.of(new SpareUnitAgent(process));
        } catch (IOException e) {
            LOG.warn("cannot start a spare unit agent JVM: {}", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Hands {@code arguments} (an agent's command line after the main class) to the spare.
     *
     * @return the spare's process, now that agent; empty if there is no live spare any more
     */
    synchronized Optional<Process> take(List<String> arguments) {
        Process taken = spare;
        spare = null;
        if (taken == null || !taken.isAlive()) {
            return Optional.empty();
        }
        try (OutputStream in = taken.getOutputStream()) {
            in.write(SpareAgent.assignment(arguments).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("cannot hand the spare unit agent JVM (pid {}) its assignment: {}", taken.pid(), e.toString());
            taken.destroy();
            return Optional.empty();
        }
        return Optional.of(taken);
    }

    /** Ends the spare if it was not taken. Idempotent. */
    @Override
    public synchronized void close() {
        if (spare != null) {
            spare.destroy();
            spare = null;
        }
    }
}
