package org.juju.client.env;

import java.nio.file.Path;
import java.util.Map;

/** Where the client keeps its files: {@code $JUJU_HOME}, else {@code ~/.juju}. */
public final class JujuHome {
    private JujuHome() {
    }

    /** The juju home directory for {@code env} (the process environment, injectable for tests). */
    public static Path resolve(Map<String, String> env) {
        String home = env.get("JUJU_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".juju");
    }

    /** The environments file inside {@code home}. */
    public static Path environmentsFile(Path home) {
        return home.resolve("environments.yaml");
    }
}
