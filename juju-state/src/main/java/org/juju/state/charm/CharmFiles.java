package org.juju.state.charm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file rules of a charm directory that both the bundle writer and {@code juju charm proof}
 * apply, so that proof reports exactly what a deploy would refuse.
 */
public final class CharmFiles {
    private CharmFiles() {
    }

    /**
     * True when the symlink {@code link} inside the charm {@code root} points outside it (an
     * absolute target, or a relative one leaving the directory). The bundle refuses such links.
     *
     * @param root the charm directory as a real path ({@link Path#toRealPath})
     * @param link a symlink below {@code root}, given as {@code root.resolve(relative)}
     */
    public static boolean escapesCharm(Path root, Path link) throws IOException {
        Path target = Files.readSymbolicLink(link);
        return target.isAbsolute() || !link.getParent().resolve(target).normalize().startsWith(root);
    }

    /**
     * True when the bundle leaves {@code path} out: files and directories whose name starts with
     * a dot, and the top-level {@code build} directory.
     *
     * @param relativeName the path relative to the charm directory, with '/' separators
     */
    public static boolean leftOutOfBundle(Path path, String relativeName, boolean directory) {
        return path.getFileName().toString().startsWith(".") || (directory && relativeName.equals("build"));
    }

    /**
     * True when the owner may execute {@code file} (following symlinks). Only this bit matters:
     * the bundle stores 0755 or 0644 from it, whatever the umask was, and the unit agent fails a
     * hook without it (exit 126).
     */
    public static boolean isOwnerExecutable(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return Files.isExecutable(file);
        }
        return posix.readAttributes().permissions().contains(PosixFilePermission.OWNER_EXECUTE);
    }

    /**
     * The entries of a {@code hooks} directory that can be hooks, sorted: everything but names
     * starting with a dot. Symlinks are listed as they are, whether or not their target exists.
     */
    public static List<Path> hookEntries(Path hooks) throws IOException {
        try (Stream<Path> entries = Files.list(hooks)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !Files.isDirectory(p) || Files.isSymbolicLink(p))
                    .sorted()
                    .toList();
        }
    }
}
