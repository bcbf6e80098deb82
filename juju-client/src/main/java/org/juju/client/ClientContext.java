package org.juju.client;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.juju.client.env.JujuHome;
import org.juju.state.error.InvalidInputException;
import org.juju.state.store.StateConnection;

/**
 * What a client run sees of its process: environment variables, standard input, and the terminal
 * its interactive children ({@code ssh}, {@code debug-hooks}) take over. Injected so tests can run
 * commands in-process with their own {@code JUJU_HOME} and capture what those children print.
 */
public record ClientContext(Map<String, String> env, InputStream in, Terminal terminal) {
    public ClientContext {
        env = Map.copyOf(env);
        java.util.Objects.requireNonNull(terminal, "terminal");
    }

    /** A context whose children take this process's terminal. */
    public ClientContext(Map<String, String> env, InputStream in) {
        this(env, in, Terminal.inherited());
    }

    /** The context of the running process. */
    public static ClientContext ofProcess() {
        return new ClientContext(System.getenv(), System.in);
    }

    /** {@code $JUJU_HOME} or {@code ~/.juju}. */
    public Path jujuHome() {
        return JujuHome.resolve(env);
    }

    /**
     * How long to wait for ZooKeeper: {@code $JUJU_CONNECT_TIMEOUT} seconds, default 5.
     *
     * @throws InvalidInputException if the variable is not a positive number
     */
    public Duration connectTimeout() {
        String seconds = env.get("JUJU_CONNECT_TIMEOUT");
        if (seconds == null || seconds.isBlank()) {
            return StateConnection.DEFAULT_CONNECT_TIMEOUT;
        }
        if (!seconds.trim().matches("[1-9]\\d{0,4}")) {
            throw new InvalidInputException("JUJU_CONNECT_TIMEOUT must be a whole number of seconds, got '" + seconds + "'");
        }
        return Duration.ofSeconds(Long.parseLong(seconds.trim()));
    }

    /** An environment variable, or null. */
    public String getenv(String name) {
        return env.get(name);
    }
}
