package org.juju.agents.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.juju.state.io.AtomicFiles;

/**
 * {@code DIR/agent.pid}: the pid of the agent process working in an agent directory, written (temp
 * file + rename) when the agent starts. Lets a restarted parent find an agent it left running,
 * whatever command line that agent was started with (a spare JVM's names no unit).
 */
public final class AgentPidFile {
    /** The file's name in the agent directory. */
    public static final String FILE = "agent.pid";
    private static final String AGENT_MAIN = "org.juju.agents.AgentMain";

    private AgentPidFile() {
    }

    /** Records this process's pid in {@code dir}; a failure is reported on stderr and otherwise ignored. */
    public static void write(Path dir) {
        try {
            AtomicFiles.writeString(dir.resolve(FILE), ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            System.err.println("agent: cannot record its pid in " + dir + ": " + e);
        }
    }

    /**
     * The live agent process recorded in {@code dir}, if any: the recorded pid must still run
     * {@code AgentMain} (a pid reused by another program is not it), and not be this process.
     */
    public static Optional<ProcessHandle> liveAgent(Path dir) {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve(FILE), StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid)
                    .filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> p.info().commandLine().map(c -> c.contains(AGENT_MAIN)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
