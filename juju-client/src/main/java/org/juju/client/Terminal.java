package org.juju.client;

import java.io.IOException;
import org.juju.state.error.ProviderException;

/**
 * Runs the child processes of {@code juju ssh} and {@code juju debug-hooks}: a shell, a command or
 * a tmux client that takes the user's terminal. Injected through {@link ClientContext} so tests
 * can capture what such a process prints.
 */
@FunctionalInterface
public interface Terminal {
    /**
     * Runs {@code command} to its end and returns its exit status.
     *
     * @throws ProviderException if the program cannot be started (the message names it)
     */
    int run(ProcessBuilder command);

    /** The real one: the child shares this process's stdin, stdout and stderr. */
    static Terminal inherited() {
        return command -> {
            Process process = start(command.inheritIO());
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                return 130;
            }
        };
    }

    /** Starts {@code command}; a program that cannot be started is a {@link ProviderException}. */
    static Process start(ProcessBuilder command) {
        try {
            return command.start();
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            int errno = message.indexOf("error=");
            int comma = errno < 0 ? -1 : message.indexOf(", ", errno);
            throw new ProviderException("cannot run '" + command.command().get(0) + "': "
                    + (comma < 0 ? message : message.substring(comma + 2)), e);
        }
    }
}
