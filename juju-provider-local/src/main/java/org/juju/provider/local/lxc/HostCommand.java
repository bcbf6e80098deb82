package org.juju.provider.local.lxc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.juju.state.error.ProviderException;

/**
 * A command run on this host ({@code lxc-*}, {@code ip}) with a time limit, its output (stdout and
 * stderr together) captured. Stateless.
 */
public final class HostCommand {
    private HostCommand() {
    }

    /** The outcome of a command: its exit status and its output. */
    public record Result(int status, String output) {
        /** The last non-blank line of the output, or "" (what a failure message quotes). */
        public String lastLine() {
            List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
        }
    }

    /**
     * Runs {@code command} and returns its result whatever its exit status.
     *
     * @throws ProviderException if it cannot be started or does not end within {@code timeout}
     *                           (it is killed then)
     */
    public static Result status(Duration timeout, List<String> command) {
        return status(timeout, command, line -> { });
    }

    /**
     * Like {@link #status(Duration, List)}, handing each line of output to {@code lines} as it comes
     * (from a thread of its own).
     */
    public static Result status(Duration timeout, List<String> command, java.util.function.Consumer<String> lines) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new ProviderException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.append(line).append('\n');
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process went away; what was read is kept
            }
        }, "host-command-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new ProviderException(String.join(" ", command) + " did not end within " + timeout.toSeconds()
                        + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new ProviderException("interrupted while running " + command.get(0));
        }
        return new Result(process.exitValue(), output.toString()); // join: the reader's writes are visible
    }

    /**
     * Runs {@code command} and returns its output.
     *
     * @throws ProviderException if it fails (non-zero exit: the message quotes the output's last
     *                           line), cannot be started or does not end within {@code timeout}
     */
    public static String run(Duration timeout, List<String> command) {
        return run(timeout, command, line -> { });
    }

    /** Like {@link #run(Duration, List)}, handing each line of output to {@code lines} as it comes. */
    public static String run(Duration timeout, List<String> command, java.util.function.Consumer<String> lines) {
        Result result = status(timeout, command, lines);
        if (result.status() != 0) {
            throw new ProviderException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                    + " failed (exit " + result.status() + ")" + (result.lastLine().isEmpty() ? "" : ": "
                    + result.lastLine()));
        }
        return result.output();
    }
}
