package org.juju.provider.local.lxc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether this host can run a local environment's machines as LXC containers: Linux, root (the
 * containers are privileged, on a bridge the environment creates), the LXC tools and {@code ip} on
 * the {@code PATH}, and overlay file systems (clones are overlay snapshots of a template).
 */
public final class LxcHost {
    private static final List<String> TOOLS = List.of("lxc-create", "lxc-copy", "lxc-start", "lxc-stop", "lxc-destroy",
            "lxc-attach", "lxc-info", "lxc-ls", "ip");

    private LxcHost() {
    }

    /** Why this host cannot run LXC machines, or empty if it can. */
    public static Optional<String> whyNot() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Optional.of("LXC containers need Linux");
        }
        if (!isRoot()) {
            return Optional.of("LXC containers need root (this user's uid is not 0)");
        }
        for (String tool : TOOLS) {
            if (onPath(tool).isEmpty()) {
                return Optional.of("'" + tool + "' is not installed (Debian: apt-get install lxc)");
            }
        }
        if (!overlayAvailable()) {
            return Optional.of("the kernel has no overlay file system (modprobe overlay)");
        }
        return Optional.empty();
    }

    /** True if this process runs as uid 0 (from /proc/self/status). */
    static boolean isRoot() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(line -> line.startsWith("Uid:")).findFirst()
                    .map(line -> line.split("\\s+")).filter(fields -> fields.length > 1)
                    .map(fields -> fields[1].equals("0")).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The executable {@code tool} in a directory of {@code PATH} (and the sbin directories root has). */
    static Optional<Path> onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        return Stream.of(path.split(":")).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable).findFirst();
    }

    private static boolean overlayAvailable() {
        try {
            return Files.readString(Path.of("/proc/filesystems")).contains("overlay")
                    || Files.isDirectory(Path.of("/sys/module/overlay"))
                    || Files.exists(Path.of("/lib/modules", System.getProperty("os.version", ""), "kernel/fs/overlayfs"));
        } catch (IOException e) {
            return false;
        }
    }
}
