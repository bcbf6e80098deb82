package org.juju.agents.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A child process to run: its command line, variables added to (or replacing those of) the
 * inherited environment, its working directory and the file its stdout and stderr are appended to.
 */
public record ChildCommand(List<String> command, Map<String, String> environment, Path directory, Path logFile) {
    public ChildCommand {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(logFile, "logFile");
    }
}
