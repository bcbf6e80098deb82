package org.juju.state.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A temporary directory for jqwik properties, which do not get JUnit's {@code @TempDir}: create it
 * in a {@code @BeforeContainer} method, delete it with everything in it in {@code @AfterContainer}.
 */
public final class ScratchDirectory {
    private ScratchDirectory() {
    }

    /** A new empty directory under the system's temporary directory. */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything under it. */
    public static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
