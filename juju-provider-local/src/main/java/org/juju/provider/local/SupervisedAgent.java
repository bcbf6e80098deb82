package org.juju.provider.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An agent, or another daemon of the environment, that runs on this host under a supervisor script
 * (see {@link SupervisorScript}).
 *
 * @param dir         the agent's directory: the supervisor's files and the agent's own
 * @param description what the agent is, for the script's comment and messages (e.g.
 *                    "machine agent of machine 1 of environment 'dev'")
 * @param mainClass   the class the JVM runs, on the agents' classpath
 * @param arguments   the arguments of {@code mainClass}
 * @param outputFile  the name of the file in {@code dir} that the supervisor's and the agent's
 *                    stdout and stderr are appended to
 */
record SupervisedAgent(Path dir, String description, String mainClass, List<String> arguments, String outputFile) {
    SupervisedAgent {
        dir = dir.toAbsolutePath().normalize();
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(mainClass, "mainClass");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(outputFile, "outputFile");
    }

    /** One of the agents of {@code org.juju.agents.AgentMain}, which {@code arguments} select. */
    SupervisedAgent(Path dir, String description, List<String> arguments, String outputFile) {
        this(dir, description, SupervisorScript.AGENT_MAIN, arguments, outputFile);
    }

    Path script() {
        return dir.resolve(SupervisorScript.FILE);
    }

    Path output() {
        return dir.resolve(outputFile);
    }
}
