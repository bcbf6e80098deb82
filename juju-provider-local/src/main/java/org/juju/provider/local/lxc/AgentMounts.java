package org.juju.provider.local.lxc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a machine container needs from this host to run agents, bind-mounted read-only at the same
 * paths (so the agents' command lines, classpath and class-data archive are the host's, and the
 * archive still matches its classpath): the Java runtime (and the directories its symbolic links
 * point to, such as Debian's {@code /etc/java-17-openjdk}), every classpath entry, the hook tools
 * found beside them, and the files named by {@code -XX:SharedArchiveFile=} in the agents' options.
 *
 * @param paths absolute paths, each a directory or a file
 */
public record AgentMounts(List<Path> paths) {
    public AgentMounts {
        paths = List.copyOf(paths);
    }

    /** The mounts for agents run with {@code javaHome}, {@code classpath} and {@code javaOptions}. */
    public static AgentMounts of(Path javaHome, String classpath, List<String> javaOptions) {
        Set<Path> paths = new LinkedHashSet<>();
        Path home = javaHome.toAbsolutePath().normalize();
        paths.add(home);
        paths.addAll(linkTargetsOutside(home));
        for (String entry : classpath.split(":")) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (Files.exists(path)) {
                paths.add(path);
                for (Path dir = path.getParent(); dir != null && dir.getNameCount() > path.getNameCount() - 3;
                     dir = dir.getParent()) {
                    if (Files.isDirectory(dir.resolve("hook-tools"))) {
                        paths.add(dir.resolve("hook-tools"));
                    }
                }
            }
        }
        for (String option : javaOptions) {
            if (option.startsWith("-XX:SharedArchiveFile=")) {
                Path archive = Path.of(option.substring("-XX:SharedArchiveFile=".length())).toAbsolutePath().normalize();
                if (Files.exists(archive)) {
                    paths.add(archive);
                }
            }
        }
        return new AgentMounts(removeNested(paths));
    }

    /** The {@code lxc.mount.entry} lines: each path read-only at the same place. */
    public List<String> configLines() {
        return paths.stream().map(path -> "lxc.mount.entry = " + path + " " + path.toString().substring(1)
                + " none bind,ro,create=" + (Files.isDirectory(path) ? "dir" : "file") + " 0 0").toList();
    }

    /**
     * What symbolic links below {@code home} point to in {@code /etc}: a {@code /etc/java*}
     * directory as a whole (Debian's configuration of the runtime), other files one by one (such
     * as the trust store in {@code /etc/ssl}, so the container's own {@code /etc/ssl} stays).
     * Targets elsewhere ({@code /usr}: documentation, desktop libraries) are left out.
     */
    private static Set<Path> linkTargetsOutside(Path home) {
        Set<Path> targets = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(home, 5)) {
            files.filter(Files::isSymbolicLink).forEach(link -> {
                try {
                    Path target = link.toRealPath();
                    if (target.startsWith("/etc") && target.getNameCount() >= 2) {
                        boolean javaConfiguration = target.getName(1).toString().startsWith("java");
                        targets.add(javaConfiguration ? target.getRoot().resolve(target.subpath(0, 2)) : target);
                    }
                } catch (IOException e) {
                    // a dangling link: nothing to mount
                }
            });
        } catch (IOException e) {
            // an unreadable runtime: the container's agents will say what they miss
        }
        return targets;
    }

    /** {@code paths} without those inside another one of them. */
    private static List<Path> removeNested(Set<Path> paths) {
        List<Path> kept = new ArrayList<>();
        for (Path path : paths) {
            if (paths.stream().noneMatch(other -> !other.equals(path) && path.startsWith(other)
                    && Files.isDirectory(other))) {
                kept.add(path);
            }
        }
        return kept;
    }
}
