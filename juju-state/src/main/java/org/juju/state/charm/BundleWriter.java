package org.juju.state.charm;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.juju.state.error.CharmException;

/** Collects the files of a charm directory and writes them as a deterministic zip. */
final class BundleWriter {
    private record Entry(String name, Path path, int mode) {
    }

    private BundleWriter() {
    }

    static BundleFile write(Path charmDir, Path zipFile) {
        if (!Files.isDirectory(charmDir)) {
            throw new CharmException(charmDir + ": charm directory not found");
        }
        Path target = zipFile.toAbsolutePath().normalize();
        Path temp = null;
        try {
            Path root = charmDir.toRealPath();
            Files.createDirectories(target.getParent());
            List<Entry> entries = collect(root, target.getParent().toRealPath().resolve(target.getFileName()));
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                ZipWriter zip = new ZipWriter(out);
                for (Entry entry : entries) {
                    zip.add(entry.name(), entry.mode(), content(entry));
                }
                zip.finish();
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            return new BundleFile(target, CharmBundle.sha256(target), Files.size(target));
        } catch (IOException e) {
            throw new CharmException(charmDir + ": cannot write the charm bundle " + zipFile + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static List<Entry> collect(Path root, Path skip) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = name(root, dir);
                if (CharmFiles.leftOutOfBundle(dir, name, true)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                entries.add(new Entry(name + "/", dir, ZipWriter.TYPE_DIR | 0755));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = name(root, file);
                if (CharmFiles.leftOutOfBundle(file, name, false) || file.equals(skip)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    checkLink(root, file, name);
                    entries.add(new Entry(name, file, ZipWriter.TYPE_SYMLINK | 0777));
                } else if (attrs.isRegularFile()) {
                    entries.add(new Entry(name, file, ZipWriter.TYPE_FILE | (CharmFiles.isOwnerExecutable(file) ? 0755 : 0644)));
                } else {
                    throw new CharmException(root + ": cannot bundle '" + name + "': not a file, directory or symlink");
                }
                return FileVisitResult.CONTINUE;
            }
        });
        entries.sort(Comparator.comparing(Entry::name));
        return entries;
    }

    private static void checkLink(Path root, Path link, String name) throws IOException {
        if (CharmFiles.escapesCharm(root, link)) {
            throw new CharmException(root + ": symlink '" + name + "' points outside the charm (to "
                    + Files.readSymbolicLink(link) + ")");
        }
    }

    private static byte[] content(Entry entry) throws IOException {
        return switch (entry.mode() & ZipWriter.TYPE_MASK) {
            case ZipWriter.TYPE_DIR -> new byte[0];
            case ZipWriter.TYPE_SYMLINK -> Files.readSymbolicLink(entry.path()).toString()
                    .replace(entry.path().getFileSystem().getSeparator(), "/").getBytes(StandardCharsets.UTF_8);
            default -> {
                if (Files.size(entry.path()) > Integer.MAX_VALUE - 64) {
                    throw new CharmException(entry.path() + ": too large for a charm bundle");
                }
                yield Files.readAllBytes(entry.path());
            }
        };
    }

    private static String name(Path root, Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // best effort: only a leftover temporary file
            }
        }
    }
}
