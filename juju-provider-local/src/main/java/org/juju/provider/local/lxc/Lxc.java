package org.juju.provider.local.lxc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The LXC command-line tools on this host ({@code lxc-create}, {@code lxc-copy}, {@code lxc-start},
 * {@code lxc-stop}, {@code lxc-destroy}, {@code lxc-info}, {@code lxc-ls}), for containers in one
 * LXC path (the system's {@code /var/lib/lxc} unless a test gives its own). Each call runs one
 * command with a time limit; failures are {@link org.juju.state.error.ProviderException}s quoting
 * the command's last output line. Stateless and thread-safe.
 */
public final class Lxc {
    /** The system's LXC path, where {@code lxc-ls} looks by default. */
    public static final Path SYSTEM_PATH = Path.of("/var/lib/lxc");
    private static final Duration QUICK = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(90);

    private final Path lxcPath;

    public Lxc(Path lxcPath) {
        this.lxcPath = Objects.requireNonNull(lxcPath, "lxcPath").toAbsolutePath().normalize();
    }

    /** The LXC path of the containers. */
    public Path path() {
        return lxcPath;
    }

    /** The directory of container {@code name} (its {@code config}, {@code rootfs} or overlay). */
    public Path dir(String name) {
        return lxcPath.resolve(name);
    }

    /** The container's configuration file. */
    public Path config(String name) {
        return dir(name).resolve("config");
    }

    /** True if container {@code name} exists (its configuration does). */
    public boolean exists(String name) {
        return java.nio.file.Files.isRegularFile(config(name));
    }

    /** The container's state as {@code lxc-info} tells it ({@code RUNNING}, {@code STOPPED}, ...), if it exists. */
    public Optional<String> state(String name) {
        if (!exists(name)) {
            return Optional.empty();
        }
        HostCommand.Result result = HostCommand.status(QUICK, command("lxc-info", name, "-s", "-H"));
        return result.status() == 0 ? Optional.of(result.output().trim()) : Optional.empty();
    }

    /** The names of the running containers in the LXC path (one {@code lxc-ls --running}). */
    public java.util.Set<String> running() {
        if (!java.nio.file.Files.isDirectory(lxcPath)) {
            return java.util.Set.of();
        }
        return HostCommand.run(QUICK, List.of("lxc-ls", "-P", lxcPath.toString(), "-1", "--running")).lines()
                .map(String::trim).filter(line -> !line.isEmpty()).collect(java.util.stream.Collectors.toSet());
    }

    /** True if the container runs. */
    public boolean isRunning(String name) {
        return state(name).filter("RUNNING"::equals).isPresent();
    }

    /** The names of every container in the LXC path, sorted. */
    public List<String> names() {
        if (!java.nio.file.Files.isDirectory(lxcPath)) {
            return List.of();
        }
        return HostCommand.run(QUICK, List.of("lxc-ls", "-P", lxcPath.toString(), "-1")).lines()
                .map(String::trim).filter(line -> !line.isEmpty()).sorted().toList();
    }

    /**
     * Creates {@code name} from the LXC template {@code template} with the template's arguments,
     * handing each line of its output to {@code lines}.
     */
    public void create(String name, String template, List<String> templateArguments, Duration timeout,
                       java.util.function.Consumer<String> lines) {
        List<String> command = command("lxc-create", name, "-t", template);
        if (!templateArguments.isEmpty()) {
            command.add("--");
            command.addAll(templateArguments);
        }
        HostCommand.run(timeout, command, lines);
    }

    /** Clones {@code source} as {@code name}: an overlay snapshot (the source's rootfs stays read-only below). */
    public void snapshot(String source, String name) {
        HostCommand.run(QUICK, List.of("lxc-copy", "-P", lxcPath.toString(), "-n", source, "-N", name, "-s",
                "-B", "overlayfs"));
    }

    /** Starts the container in the background, logging to {@code log}. */
    public void start(String name, Path log) {
        HostCommand.run(QUICK, command("lxc-start", name, "-d", "-o", log.toString(), "-l", "INFO"));
    }

    /** Kills the container at once (no clean shutdown) if it runs. */
    public void kill(String name) {
        if (isRunning(name)) {
            HostCommand.run(STOP, command("lxc-stop", name, "-k"));
        }
    }

    /** Kills the container if it runs and destroys it (with its rootfs or overlay). Idempotent. */
    public void destroy(String name) {
        if (!exists(name)) {
            return;
        }
        kill(name);
        HostCommand.run(STOP, command("lxc-destroy", name));
    }

    /** Runs {@code command} inside the running container (as root, its environment cleared). */
    public HostCommand.Result attach(String name, Duration timeout, List<String> command) {
        return HostCommand.status(timeout, attachCommand(name, command));
    }

    /** Like {@link #attach(String, Duration, List)}, with {@code input} on the command's stdin. */
    public HostCommand.Result attach(String name, Duration timeout, List<String> command, byte[] input) {
        return HostCommand.status(timeout, attachCommand(name, command), input);
    }

    private List<String> attachCommand(String name, List<String> command) {
        List<String> full = command("lxc-attach", name, "--clear-env", "--");
        full.addAll(command);
        return full;
    }

    private List<String> command(String tool, String name, String... rest) {
        List<String> command = new ArrayList<>(List.of(tool, "-P", lxcPath.toString(), "-n", name));
        command.addAll(List.of(rest));
        return command;
    }
}
