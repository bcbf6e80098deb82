package org.juju.state.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;

/**
 * Replacing a file so that readers see either its old or its new content, never a part: write a
 * temporary file in the same directory, then rename it over the target (a plain replacing move
 * where the file system cannot rename atomically). Not a durability promise: nothing is synced.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Replaces {@code file} with {@code text} (UTF-8); the temporary file is created with
     * {@code attributes} (e.g. owner-only permissions) and is gone afterwards, whatever happened.
     *
     * @throws IOException if the directory is not writable
     */
    public static void writeString(Path file, String text, FileAttribute<?>... attributes) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-" + file.getFileName() + "-", "", attributes);
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            replace(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Moves {@code source} over {@code target}, atomically where the file system can. */
    public static void replace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
