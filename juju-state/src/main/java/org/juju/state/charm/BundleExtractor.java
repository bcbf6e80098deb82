package org.juju.state.charm;

import org.juju.state.io.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.juju.state.error.CharmException;

/**
 * Extracts a charm bundle, restoring modes and symlinks, refusing every entry that would land
 * outside the target directory. On failure everything extracted so far is removed again.
 */
final class BundleExtractor {
    private static final int MAX_LINK_TARGET = 4096;
    private static final int MAX_LINK_DEPTH = 40;

    private final Path zip;
    private final Path root;
    private final Map<Path, Integer> directories = new LinkedHashMap<>();
    private final List<Path> links = new ArrayList<>();

    private BundleExtractor(Path zip, Path root) {
        this.zip = zip;
        this.root = root;
    }

    static void extract(Path zip, Path targetDir) {
        List<ZipIndex.Entry> entries = ZipIndex.read(zip);
        Set<String> names = new HashSet<>();
        for (ZipIndex.Entry entry : entries) {
            checkName(zip, entry.name());
            if (!names.add(entry.name())) {
                throw new CharmException(zip + ": refusing entry '" + entry.name() + "': it occurs twice");
            }
        }
        boolean created = !Files.exists(targetDir);
        Path root;
        try {
            if (!created && !BundleFiles.isEmptyDirectory(targetDir)) {
                throw new CharmException(targetDir + ": cannot extract " + zip + " here: the directory is not empty");
            }
            Files.createDirectories(targetDir);
            root = targetDir.toRealPath();
        } catch (IOException e) {
            throw new CharmException(targetDir + ": cannot create: " + e.getMessage(), e);
        }
        try (ZipFile zipFile = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            new BundleExtractor(zip, root).run(zipFile, entries);
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteQuietly(root, created);
            throw e instanceof CharmException c ? c
                    : new CharmException(zip + ": cannot extract to " + targetDir + ": " + e.getMessage(), e);
        }
    }

    /** Refuses names that are absolute or climb with '..', before anything is written. */
    static void checkName(Path zip, String name) {
        String problem = null;
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            problem = "the name is empty or holds a NUL";
        } else if (name.startsWith("/") || name.matches("[A-Za-z]:.*")) {
            problem = "it is an absolute path";
        } else if (name.indexOf('\\') >= 0) {
            problem = "it holds a backslash";
        } else if (List.of(name.split("/")).contains("..")) {
            problem = "it climbs out of the target directory with '..'";
        }
        if (problem != null) {
            throw new CharmException(zip + ": refusing entry '" + name + "': " + problem);
        }
    }

    private void run(ZipFile zipFile, List<ZipIndex.Entry> entries) throws IOException {
        for (ZipIndex.Entry entry : entries) {
            Path normalized = root.resolve(entry.name()).normalize();
            if (normalized.equals(root)) {
                continue;
            }
            Path relative = root.relativize(normalized);
            if (entry.isDirectory()) {
                directories.put(directory(relative, entry.name()), entry.mode());
                continue;
            }
            Path parent = relative.getParent() == null ? root : directory(relative.getParent(), entry.name());
            Path path = parent.resolve(relative.getFileName().toString());
            ZipEntry data = zipFile.getEntry(entry.name());
            if (data == null) {
                throw new CharmException(zip + ": damaged zip: no data for entry '" + entry.name() + "'");
            }
            try (InputStream in = zipFile.getInputStream(data)) {
                if (entry.isSymlink()) {
                    link(entry.name(), path, new String(in.readNBytes(MAX_LINK_TARGET + 1), StandardCharsets.UTF_8));
                } else {
                    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                        in.transferTo(out);
                    }
                    BundleFiles.setMode(path, entry.mode() & 0755);
                }
            }
        }
        for (Path link : links) {
            Path resolved = physical(link.getParent().toRealPath(), Files.readSymbolicLink(link).toString(), 0);
            inside(resolved, root.relativize(link).toString());
        }
        List<Path> deepestFirst = new ArrayList<>(directories.keySet());
        deepestFirst.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path dir : deepestFirst) {
            BundleFiles.setMode(dir, directories.get(dir) & 0755 | 0700);
        }
    }

    /**
     * Creates {@code relative} below the root one level at a time, checking that every level that
     * exists already (possibly a symlink extracted before) really is inside the root before going
     * into it, so nothing is ever created outside. Returns the real path.
     */
    private Path directory(Path relative, String name) throws IOException {
        Path current = root;
        for (Path part : relative) {
            Path next = current.resolve(part.toString());
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(next);
            }
            current = next.toRealPath();
            inside(current, name);
        }
        return current;
    }

    private void link(String name, Path path, String target) throws IOException {
        if (target.isEmpty() || target.length() > MAX_LINK_TARGET || target.indexOf('\0') >= 0
                || target.startsWith("/") || target.indexOf('\\') >= 0
                || !path.getParent().resolve(target).normalize().startsWith(root)) {
            throw new CharmException(zip + ": refusing symlink '" + name + "': its target '" + target
                    + "' is outside the target directory");
        }
        Files.createSymbolicLink(path, path.getFileSystem().getPath(target));
        links.add(path);
    }

    /** Where {@code target} leads from {@code start}, following the symlinks on the way; null above '/'. */
    private Path physical(Path start, String target, int depth) throws IOException {
        if (depth > MAX_LINK_DEPTH) {
            throw new CharmException(zip + ": refusing symlinks: too many levels of links under " + start);
        }
        Path current = start;
        for (String part : target.split("/")) {
            if (current == null || part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                current = current.getParent();
            } else if (Files.isSymbolicLink(current.resolve(part))) {
                Path next = Files.readSymbolicLink(current.resolve(part));
                current = next.isAbsolute() ? next.normalize() : physical(current, next.toString(), depth + 1);
            } else {
                current = current.resolve(part);
            }
        }
        return current;
    }

    private void inside(Path real, String name) {
        if (real == null || !real.startsWith(root)) {
            throw new CharmException(zip + ": refusing entry '" + name + "': it leads outside the target directory");
        }
    }
}
