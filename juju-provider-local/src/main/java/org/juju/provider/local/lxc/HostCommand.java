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
        return status(timeout, command, java.util.Optional.empty(), lines);
    }

    /**
     * Like {@link #status(Duration, List)}, with {@code input} on the command's stdin (then closed):
     * how a secret reaches a command without being one of its arguments.
     */
    public static Result status(Duration timeout, List<String> command, byte[] input) {
        return status(timeout, command, java.util.Optional.of(input), line -> { });
    }

    private static Result status(Duration timeout, List<String> command, java.util.Optional<byte[]> input,
                                 java.util.function.Consumer<String> lines) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (input.isEmpty()) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            process = builder.start();
        } catch (IOException e) {
            throw new ProviderException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        if (input.isPresent()) {
            try (java.io.OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.get());
            } catch (IOException e) {
                // the command ended without reading it all: its exit status tells
            }
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
