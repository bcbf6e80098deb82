package org.juju.provider.local;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.juju.provider.AgentJava;
import org.juju.state.error.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches a {@link SupervisorScript} detached from the caller: {@code setsid /bin/sh
 * DIR/supervisor.sh}, in a session of its own, stdin from {@code /dev/null}, stdout and stderr
 * appended to the agent's output file, the agents' classpath in {@code CLASSPATH}.
 */
final class SupervisorLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorLauncher.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 10;

    private SupervisorLauncher() {
    }

    /**
     * Launches the supervisor of {@code agent} with the agents' {@code classpath} and waits until it
     * has recorded its pid.
     *
     * @throws ProviderException if the directory cannot be prepared, or the supervisor exits or does
     *                           not record itself within 10 s; the message ends with its output's
     *                           telling line
     */
    static ProcessHandle launch(SupervisedAgent agent, String classpath) {
        Path dir = agent.dir();
        long offset;
        Process process;
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(SupervisorScript.STOP_FILE));
            Files.deleteIfExists(dir.resolve(SupervisorScript.PID_FILE));
            DataDirLayout.writeAtomically(agent.script(), SupervisorScript.text(agent, AgentJava.executable(),
                    AgentJava.options(SupervisorScript.JVM_OPTIONS)));
            offset = LogTail.size(agent.output());
            List<String> command = new ArrayList<>(DaemonLauncher.setsid().stream().toList());
            command.addAll(List.of("/bin/sh", agent.script().toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectOutput(Redirect.appendTo(agent.output().toFile()))
                    .redirectErrorStream(true);
            builder.environment().put("CLASSPATH", classpath);
            process = builder.start();
        } catch (IOException e) {
            throw new ProviderException("cannot start the " + agent.description() + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            Optional<ProcessHandle> supervisor = SupervisedAgents.running(dir);
            if (supervisor.isPresent()) {
                LOG.debug("started the {} (supervisor pid {})", agent.description(), supervisor.get().pid());
                return supervisor.get();
            }
            // setsid exits 0 at once if it had to fork; anything else is a failure
            if (!process.isAlive() && process.exitValue() != 0) {
                throw LogTail.failure("the supervisor of the " + agent.description() + " exited with status "
                        + process.exitValue(), agent.output(), offset);
            }
            if (System.nanoTime() - deadline > 0) {
                ProcessTree.terminate(ProcessTree.session(process.pid()), Duration.ofSeconds(1),
                        () -> ProcessTree.session(process.pid()));
                throw LogTail.failure("the supervisor of the " + agent.description() + " did not start within "
                        + START_TIMEOUT.toSeconds() + " s", agent.output(), offset);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while starting an agent");
        }
    }
}
