package org.juju.agents.charmkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The small charm {@code probe} the charmkit tests run: requires {@code db}, hooks written by each test. */
public final class ProbeCharm {
    private ProbeCharm() {
    }

    /** Writes {@code parent/probe} with metadata, revision and {@code configYaml} as config.yaml. */
    public static Path create(Path parent, String configYaml) throws IOException {
        Path dir = parent.resolve("probe");
        Files.createDirectories(dir.resolve("hooks"));
        Files.writeString(dir.resolve("metadata.yaml"), """
                name: probe
                summary: a probe
                description: a probe
                requires:
                  db:
                    interface: mysql
                """);
        Files.writeString(dir.resolve("config.yaml"), configYaml);
        Files.writeString(dir.resolve("revision"), "1\n");
        return dir;
    }

    /** Writes an executable bash hook {@code name} running {@code body} under {@code set -e}. */
    public static void hook(Path charm, String name, String body) throws IOException {
        Path file = charm.resolve("hooks").resolve(name);
        Files.writeString(file, "#!/bin/bash\nset -e\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
