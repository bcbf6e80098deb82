package org.juju.agents.hook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The tmux command lines the unit agent runs for {@code juju debug-hooks}, all addressed to one
 * tmux server. Pure: it builds argument lists and runs nothing.
 *
 * <p>Sessions are named exactly ({@code =NAME}), so {@code juju-debug-app-1} never matches the
 * session {@code juju-debug-app-10}. A window's command is given as separate arguments, which tmux
 * executes directly, without a shell of the user's choosing in between.
 *
 * @param server the options that select the server: {@code -S SOCKET} or {@code -L NAME}
 */
public record TmuxCommands(List<String> server) {
    public TmuxCommands {
        server = List.copyOf(Objects.requireNonNull(server, "server"));
    }

    /** The server listening on {@code socket} (the unit agent's, in its unit directory). */
    public static TmuxCommands socket(Path socket) {
        return new TmuxCommands(List.of("-S", socket.toString()));
    }

    /** The server of socket name {@code name} in tmux's own directory ({@code tmux -L}). */
    public static TmuxCommands named(String name) {
        return new TmuxCommands(List.of("-L", name));
    }

    /** {@code tmux ... ARGS}: any command to this server. */
    public List<String> command(String... args) {
        List<String> line = new ArrayList<>();
        line.add("tmux");
        line.addAll(server);
        line.addAll(List.of(args));
        return line;
    }

    /** Succeeds exactly when {@code session} exists. */
    public List<String> hasSession(String session) {
        return command("has-session", "-t", "=" + session);
    }

    /** Creates {@code session}, detached, its first window a shell working in {@code dir}. */
    public List<String> newSession(String session, Path dir) {
        return command("new-session", "-d", "-s", session, "-c", dir.toString());
    }

    /**
     * Opens window {@code window} in {@code session}, working in {@code dir} and running
     * {@code program}, and makes it the session's current window; prints the pid of the window's
     * process.
     */
    public List<String> newWindow(String session, String window, Path dir, List<String> program) {
        List<String> line = command("new-window", "-t", "=" + session + ":", "-n", window, "-c", dir.toString(),
                "-P", "-F", "#{pane_pid}");
        line.addAll(program);
        return line;
    }
}
