package org.juju.provider.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An agent that runs on this host under a supervisor script (see {@link SupervisorScript}).
 *
 * @param dir         the agent's directory: the supervisor's files and the agent's own
 * @param description what the agent is, for the script's comment and messages (e.g.
 *                    "machine agent of machine 1 of environment 'dev'")
 * @param arguments   the arguments of {@code org.juju.agents.AgentMain}
 * @param outputFile  the name of the file in {@code dir} that the supervisor's and the agent's
 *                    stdout and stderr are appended to
 */
record SupervisedAgent(Path dir, String description, List<String> arguments, String outputFile) {
    SupervisedAgent {
        dir = dir.toAbsolutePath().normalize();
        Objects.requireNonNull(description, "description");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(outputFile, "outputFile");
    }

    Path script() {
        return dir.resolve(SupervisorScript.FILE);
    }

    Path output() {
        return dir.resolve(outputFile);
    }
}
