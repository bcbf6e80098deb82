package org.juju.agents.hook;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A private tmux server for tests ({@code tmux -L juju-test-PID-N}), driven like a user at the
 * keyboard: wait for a window, type lines into it, read its screen. Skips the test (an assumption)
 * where tmux is not installed. Closing it kills the server.
 */
public final class TmuxDriver implements AutoCloseable {
    private static final AtomicInteger SERVERS = new AtomicInteger();
    private final TmuxCommands tmux;

    private TmuxDriver(TmuxCommands tmux) {
        this.tmux = tmux;
    }

    /** A new server of its own; skips the calling test if tmux is missing. */
    public static TmuxDriver start() {
        Assumptions.assumeTrue(installed(), "tmux is not installed: the debug-hooks tests need it (apt-get install tmux)");
        return new TmuxDriver(TmuxCommands.named("juju-test-" + ProcessHandle.current().pid() + "-" + SERVERS.incrementAndGet()));
    }

    private static boolean installed() {
        return List.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":")).stream()
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "tmux")));
    }

    /** The command lines of this server, for the code under test. */
    public TmuxCommands commands() {
        return tmux;
    }

    /** The debug session {@code name} on this server. */
    public DebugSession session(String name) {
        return new DebugSession(tmux, name);
    }

    /** Waits until {@code session} has a window named {@code window}. */
    public void awaitWindow(String session, String window) {
        await().atMost(Duration.ofSeconds(20)).until(() -> windows(session).contains(window));
    }

    /** Waits until {@code session} has no window named {@code window} (or is gone). */
    public void awaitNoWindow(String session, String window) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !windows(session).contains(window));
    }

    /** The names of the windows of {@code session}; empty if it does not exist. */
    public List<String> windows(String session) {
        Run run = run(tmux.command("list-windows", "-t", "=" + session, "-F", "#{window_name}"));
        return run.code() == 0 ? run.output().lines().toList() : List.of();
    }

    /** Types {@code line} and Enter into {@code window} of {@code session}. */
    public void type(String session, String window, String line) {
        Run run = run(tmux.command("send-keys", "-t", "=" + session + ":" + window, "-l", line));
        if (run.code() == 0) {
            run = run(tmux.command("send-keys", "-t", "=" + session + ":" + window, "Enter"));
        }
        if (run.code() != 0) {
            throw new IllegalStateException("tmux send-keys failed: " + run.output());
        }
    }

    /** Waits until the screen of {@code window} shows {@code text}; returns the screen. */
    public String awaitScreen(String session, String window, String text) {
        await().atMost(Duration.ofSeconds(20)).until(() -> screen(session, window).contains(text));
        return screen(session, window);
    }

    /** What {@code window} shows now. */
    public String screen(String session, String window) {
        return run(tmux.command("capture-pane", "-p", "-t", "=" + session + ":" + window)).output();
    }

    /** Runs any command of this server; the exit code and the output. */
    public Run run(List<String> line) {
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The outcome of a tmux command. */
    public record Run(int code, String output) {
    }

    @Override
    public void close() {
        run(tmux.command("kill-server"));
    }
}
