package org.juju.client;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.juju.client.env.JujuHome;

/**
 * What a client run sees of its process: environment variables and standard input. Injected so
 * tests can run commands in-process with their own {@code JUJU_HOME}.
 */
public record ClientContext(Map<String, String> env, InputStream in) {
    public ClientContext {
        env = Map.copyOf(env);
    }

    /** The context of the running process. */
    public static ClientContext ofProcess() {
        return new ClientContext(System.getenv(), System.in);
    }

    /** {@code $JUJU_HOME} or {@code ~/.juju}. */
    public Path jujuHome() {
        return JujuHome.resolve(env);
    }

    /** An environment variable, or null. */
    public String getenv(String name) {
        return env.get(name);
    }
}
