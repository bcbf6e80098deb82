package org.juju.provider.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An agent, or another daemon of the environment, that runs on this host under a supervisor script
 * (see {@link SupervisorScript}): a main class in a JVM of its own, or any other executable.
 *
 * @param dir         the agent's directory: the supervisor's files and the agent's own
 * @param description what the agent is, for the script's comment and messages (e.g.
 *                    "machine agent of machine 1 of environment 'dev'")
 * @param kind        how {@code program} is run
 * @param program     the class the JVM runs, on the agents' classpath; or the executable's path
 * @param arguments   the arguments of {@code program}
 * @param outputFile  the name of the file in {@code dir} that the supervisor's and the agent's
 *                    stdout and stderr are appended to
 */
record SupervisedAgent(Path dir, String description, Kind kind, String program, List<String> arguments,
        String outputFile) {
    /** How the supervisor runs the program. */
    enum Kind {
        /** A main class, run by the agents' {@code java} with the agents' JVM options. */
        JAVA_MAIN,
        /** An executable (not a JVM), run as it is. */
        EXECUTABLE
    }

    SupervisedAgent {
        dir = dir.toAbsolutePath().normalize();
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(program, "program");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(outputFile, "outputFile");
    }

    /** A JVM running {@code mainClass} with {@code arguments}. */
    SupervisedAgent(Path dir, String description, String mainClass, List<String> arguments, String outputFile) {
        this(dir, description, Kind.JAVA_MAIN, mainClass, arguments, outputFile);
    }

    /** One of the agents of {@code org.juju.agents.AgentMain}, which {@code arguments} select. */
    SupervisedAgent(Path dir, String description, List<String> arguments, String outputFile) {
        this(dir, description, SupervisorScript.AGENT_MAIN, arguments, outputFile);
    }

    /**
     * A daemon that is not a JVM: {@code command} is its executable's path and its arguments. The
     * daemon must stay in the foreground (the supervisor waits for it) and end on SIGTERM.
     *
     * @throws IllegalArgumentException if {@code command} is empty
     */
    static SupervisedAgent command(Path dir, String description, List<String> command, String outputFile) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command for the " + description);
        }
        return new SupervisedAgent(dir, description, Kind.EXECUTABLE, command.get(0),
                command.subList(1, command.size()), outputFile);
    }

    /**
     * The command line the supervisor runs: {@code java}, {@code jvmOptions}, the main class and its
     * arguments; or, for an executable, the executable and its arguments only.
     */
    List<String> commandLine(String java, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        if (kind == Kind.JAVA_MAIN) {
            command.add(java);
            command.addAll(jvmOptions);
        }
        command.add(program);
        command.addAll(arguments);
        return command;
    }

    Path script() {
        return dir.resolve(SupervisorScript.FILE);
    }

    Path output() {
        return dir.resolve(outputFile);
    }
}
