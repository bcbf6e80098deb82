package org.juju.agents.hook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.juju.state.DebugHooks;
import org.juju.state.io.AtomicFiles;
import org.juju.state.model.UnitName;

/**
 * A unit's tmux session for {@code juju debug-hooks}. A hook handed to it is not run: a new window
 * opens in the session with an interactive shell that has the hook's environment and working
 * directory (see {@link DebugShell}), and the hook lasts until that shell exits; its exit status is
 * the hook's. The session is created, detached, if the user's client has not created it yet, so a
 * hook never waits for the client to attach.
 *
 * <p>The window's files ({@code debug-hook.rc} with the hook's environment, mode 0600;
 * {@code debug-hook.sh}; {@code debug-hook.status}) are in the unit directory while it is open.
 *
 * @param tmux the server the session lives on
 * @param name the session's name
 */
public record DebugSession(TmuxCommands tmux, String name) {
    /** How long an interrupted window's processes get between SIGTERM and SIGKILL. */
    private static final long KILL_GRACE_MILLIS = 2000;
    /** How often the end of a window's shell is looked for. */
    private static final long POLL_MILLIS = 100;

    public DebugSession {
        Objects.requireNonNull(tmux, "tmux");
        Objects.requireNonNull(name, "name");
    }

    /** The session of {@code unit} on the tmux server of its unit directory, where {@code juju debug-hooks} attaches. */
    public static DebugSession of(UnitName unit, Path unitDir) {
        return new DebugSession(TmuxCommands.socket(unitDir.toAbsolutePath().resolve(DebugHooks.TMUX_SOCKET)),
                DebugHooks.sessionName(unit));
    }

    /**
     * Opens the window of one hook and waits until its shell exits.
     *
     * @param opened told the window's process as soon as it runs (for {@link HookProcessFile})
     * @return the shell's exit status; empty if the window went without one (killed, or its tmux
     *         server stopped)
     * @throws IOException          if tmux cannot be run or refuses to open the window; the message
     *                              quotes tmux
     * @throws InterruptedException if interrupted while waiting; the window's processes are killed
     *                              first
     */
    OptionalInt run(UnitName unit, String hookName, Path charmDir, Map<String, String> environment,
                    Consumer<ProcessHandle> opened) throws IOException, InterruptedException {
        Path unitDir = charmDir.getParent();
        Path rc = unitDir.resolve("debug-hook.rc");
        Path script = unitDir.resolve("debug-hook.sh");
        Path status = unitDir.resolve("debug-hook.status");
        try {
            Files.deleteIfExists(status);
            AtomicFiles.writeString(rc, DebugShell.rcFile(unit, hookName, environment),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            AtomicFiles.writeString(script, DebugShell.script(rc, status));
            openSession(charmDir);
            Tmux window = runTmux(tmux.newWindow(name, hookName, charmDir, List.of("/bin/sh", script.toString())));
            if (window.exitCode() != 0 || !window.output().matches("\\d+")) {
                throw new IOException("cannot open a window in tmux session " + name + ": " + window.output());
            }
            Optional<ProcessHandle> shell = ProcessHandle.of(Long.parseLong(window.output()));
            if (shell.isPresent()) {
                opened.accept(shell.get());
                await(shell.get(), status);
            }
            return readStatus(status);
        } finally {
            for (Path file : List.of(rc, script, status, status.resolveSibling(status.getFileName() + ".tmp"))) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Creates the session, detached, unless it exists (the client, or an earlier hook, may have created it). */
    private void openSession(Path charmDir) throws IOException, InterruptedException {
        if (runTmux(tmux.hasSession(name)).exitCode() == 0) {
            return;
        }
        Tmux created = runTmux(tmux.newSession(name, charmDir));
        if (created.exitCode() != 0 && runTmux(tmux.hasSession(name)).exitCode() != 0) {
            throw new IOException("cannot create tmux session " + name + ": " + created.output());
        }
    }

    /**
     * Waits until the window's shell has exited: its status file is there, or its process is gone
     * or a zombie (tmux, its parent, need not reap it at once, and {@link ProcessHandle#onExit}
     * waits for the reaping). Polls: a person is typing in that window.
     */
    private static void await(ProcessHandle shell, Path status) throws InterruptedException {
        try {
            while (!Files.exists(status) && running(shell)) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            ProcessTrees.kill(shell, KILL_GRACE_MILLIS);
            throw e;
        }
    }

    /** True while {@code process} runs: alive and not a zombie ({@code /proc/PID/stat} state Z). */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.US_ASCII);
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive();
        }
    }

    private static OptionalInt readStatus(Path status) throws IOException {
        if (!Files.exists(status)) {
            return OptionalInt.empty();
        }
        String text = Files.readString(status, StandardCharsets.US_ASCII).trim();
        return text.matches("\\d{1,3}") ? OptionalInt.of(Integer.parseInt(text)) : OptionalInt.empty();
    }

    /**
     * Runs a tmux command line to its end, even if the thread is interrupted meanwhile (the interrupt
     * is kept for the caller), so that what the command did is known: a window it opened is then
     * awaited, which kills it at once if the thread was interrupted. Its output and errors
     * together, as one text.
     */
    private static Tmux runTmux(List<String> line) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("TMUX");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean interrupted = false;
        int exitCode;
        while (true) {
            try {
                exitCode = process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new Tmux(exitCode, output.trim());
    }

    private record Tmux(int exitCode, String output) {
    }
}
