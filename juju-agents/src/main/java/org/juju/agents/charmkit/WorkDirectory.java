package org.juju.agents.charmkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.juju.agents.hook.HookTools;
import org.juju.state.error.InvalidInputException;
import org.juju.state.io.FileTrees;

/**
 * The files of one {@link SimulatedUnit}, in a fresh directory under the system's temporary
 * directory (short, so the tool socket's path fits): {@code charm/} (a copy of the charm, symlinks
 * kept as links, {@code .git} left out), {@code unit.log}, {@code tools.sock}, and {@code tools/}
 * (a link per hook tool to the real client, and the stubbed commands), first on the hooks' PATH.
 */
final class WorkDirectory {
    private final Path root;

    private WorkDirectory(Path root) {
        this.root = root;
    }

    static WorkDirectory create(Path charmDir) {
        Path client = HookTools.directory().resolve(HookTools.CLIENT);
        Path root;
        try {
            root = Files.createTempDirectory("juju-charm-");
        } catch (IOException e) {
            throw SimulatedUnit.internal("cannot create a working directory", e);
        }
        WorkDirectory work = new WorkDirectory(root);
        try {
            copyTree(charmDir.toRealPath(), work.charm());
            Files.createDirectories(work.tools());
            for (String tool : HookTools.names()) {
                Files.createSymbolicLink(work.tools().resolve(tool), client);
            }
            Files.createSymbolicLink(work.tools().resolve(HookTools.CLIENT), client);
            return work;
        } catch (IOException e) {
            work.delete();
            throw SimulatedUnit.internal("cannot copy the charm " + charmDir + " to " + root, e);
        }
    }

    Path charm() {
        return root.resolve("charm");
    }

    Path tools() {
        return root.resolve("tools");
    }

    Path socket() {
        return root.resolve("tools.sock");
    }

    Path unitLog() {
        return root.resolve("unit.log");
    }

    long unitLogSize() {
        try {
            return Files.exists(unitLog()) ? Files.size(unitLog()) : 0;
        } catch (IOException e) {
            throw SimulatedUnit.internal("cannot read the unit log " + unitLog(), e);
        }
    }

    /** Writes {@code tools/COMMAND}, executable; see {@link SimulatedUnit#stub}. */
    void stub(String command, String script) {
        if (command == null || !command.matches("[A-Za-z0-9._+-]+") || command.startsWith(".")) {
            throw new InvalidInputException("invalid command name to stub: '" + command + "'");
        }
        if (HookTools.names().contains(command) || command.equals(HookTools.CLIENT)) {
            throw new InvalidInputException("'" + command + "' is a hook tool: it cannot be stubbed");
        }
        String text = script.startsWith("#!") ? script : "#!/bin/sh\n" + script;
        Path file = tools().resolve(command);
        try {
            Files.deleteIfExists(file);
            Files.writeString(file, text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw SimulatedUnit.internal("cannot write the stub " + file, e);
        }
    }

    /** Deletes everything, best effort: what cannot be deleted is left behind silently. */
    void delete() {
        FileTrees.deleteQuietly(root, true);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && dir.getFileName().toString().equals(".git")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
