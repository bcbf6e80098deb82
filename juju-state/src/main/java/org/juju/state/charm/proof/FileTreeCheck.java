package org.juju.state.charm.proof;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import org.juju.state.charm.CharmFiles;

/**
 * The files a deploy would refuse to put in the charm bundle, by the bundle's own rules
 * ({@link CharmFiles}): symlinks leading outside the charm and entries that are neither a file,
 * a directory nor a symlink, in name order. Entries the bundle leaves out are not looked at.
 *
 * <p>Codes: {@code symlink-escapes-charm}, {@code file-not-bundleable} (errors).
 */
final class FileTreeCheck implements ProofCheck {
    @Override
    public String subject() {
        return "file";
    }

    @Override
    public void run(ProofContext context) throws IOException {
        Path root = context.root();
        Map<String, Runnable> byName = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                boolean skip = !dir.equals(root) && CharmFiles.leftOutOfBundle(dir, context.relative(dir), true);
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = context.relative(file);
                if (CharmFiles.leftOutOfBundle(file, name, false)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink() && CharmFiles.escapesCharm(root, file)) {
                    Path target = Files.readSymbolicLink(file);
                    byName.put(name, () -> context.error("symlink-escapes-charm", name, "symlink to " + target
                            + ", outside the charm: a deploy refuses it (copy the file into the charm)"));
                } else if (!attrs.isSymbolicLink() && !attrs.isRegularFile()) {
                    byName.put(name, () -> context.error("file-not-bundleable", name, "not a file, directory or"
                            + " symlink: a deploy refuses it"));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        byName.values().forEach(Runnable::run);
    }
}
