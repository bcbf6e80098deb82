package org.juju.state.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Deleting directory trees. Symbolic links are deleted, never followed. */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes everything below {@code root}, and {@code root} itself when {@code alsoRoot}. A
     * missing {@code root} is nothing to do.
     *
     * @throws IOException if something cannot be deleted (what was deleted before stays deleted)
     */
    public static void delete(Path root, boolean alsoRoot) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                if (alsoRoot || !dir.equals(root)) {
                    Files.delete(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Like {@link #delete}, best effort: for clean-up after another failure or of temporary files. */
    public static void deleteQuietly(Path root, boolean alsoRoot) {
        try {
            delete(root, alsoRoot);
        } catch (IOException e) {
            // best effort: whatever brought us here is what gets reported
        }
    }
}
