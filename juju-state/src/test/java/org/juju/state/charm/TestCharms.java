package org.juju.state.charm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Builds small charm directories for tests. */
final class TestCharms {
    private TestCharms() {
    }

    static String metadata(String name) {
        return "name: " + name + "\nsummary: the " + name + " charm\ndescription: longer text about " + name + "\n"
                + "provides:\n  db: mysql\n";
    }

    /** A charm with metadata, config, revision and an executable install hook. */
    static Path charm(Path dir, String name, int revision) {
        write(dir.resolve("metadata.yaml"), metadata(name));
        write(dir.resolve("config.yaml"), "options:\n  port: {type: int, default: 3306}\n");
        write(dir.resolve("revision"), revision + "\n");
        write(dir.resolve("hooks/install"), "#!/bin/sh\necho installing\n");
        executable(dir.resolve("hooks/install"));
        return dir;
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void executable(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
