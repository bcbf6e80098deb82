package org.juju.client.access;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.juju.state.DebugHooks;
import org.juju.state.error.ConflictException;
import org.juju.state.error.ProviderException;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;

/**
 * How the client runs something on a machine of a local environment: on this host for a process
 * machine (and for machine 0), through {@code lxc-attach} for an LXC container. Pure: builds
 * paths and command lines, runs nothing.
 *
 * <p>Paths: a machine's directory is {@code ROOT/machines/N} and a unit's {@code
 * ROOT/machines/N/units/SERVICE-N}, where ROOT is the environment's data directory for a process
 * machine and {@link #CONTAINER_ROOT} inside a container ({@link #machineDir}, the one place to
 * change if the containers' layout differs).
 */
public sealed interface MachineAccess permits MachineAccess.Host, MachineAccess.Container {
    /** The data directory of juju inside an LXC container. */
    Path CONTAINER_ROOT = Path.of("/var/lib/juju");

    /** The machine. */
    MachineId machine();

    /** Where the machine's processes find juju's files: the data directory, or {@link #CONTAINER_ROOT}. */
    Path root();

    /** The directory of the machine as the processes running on it see it. */
    default Path machineDir() {
        return machineDir(root(), machine());
    }

    /** The directory of {@code unit}, deployed on this machine, as the machine's processes see it. */
    default Path unitDir(UnitName unit) {
        return machineDir().resolve("units").resolve(unit.key());
    }

    /**
     * The tmux client of {@code juju debug-hooks}: attaches to the debug session of {@code unit} on
     * the tmux server of the unit's directory (the one its agent opens hook windows in), creating
     * the session, its first window a shell in the charm directory, if the agent has not yet.
     */
    default List<String> debugHooksAttach(UnitName unit) {
        Path unitDir = unitDir(unit);
        return List.of("tmux", "-S", unitDir.resolve(DebugHooks.TMUX_SOCKET).toString(), "new-session", "-A",
                "-s", DebugHooks.sessionName(unit), "-c", unitDir.resolve("charm").toString());
    }

    /** Where a machine keeps its files below a root: {@code ROOT/machines/N}. */
    static Path machineDir(Path root, MachineId machine) {
        return root.resolve("machines").resolve(machine.toString());
    }

    /**
     * {@code program} run on the machine; on the host it works in {@code directory} (a container's
     * processes start where {@code lxc-attach} puts them).
     */
    ProcessBuilder command(List<String> program, Path directory);

    /** An interactive shell on the machine: {@code $SHELL} ({@code shell}) on the host, {@code bash -l} in a container. */
    ProcessBuilder shell(String shell, Path directory);

    /** {@code words} joined by spaces and run by {@code sh -c}, as ssh runs a remote command. */
    default ProcessBuilder shellCommand(List<String> words, Path directory) {
        return command(List.of("/bin/sh", "-c", String.join(" ", words)), directory);
    }

    /**
     * The access to machine {@code machine} of environment {@code environment}, decided by the
     * instance id the provisioning agent recorded: {@code process-<env>-<N>} is a process machine,
     * {@code juju-<env>-<tag>-<N>} or {@code juju-<env>-<tag>-spare-<millis>} (a spare container taken over) the
     * LXC container of that name; machine 0 is always this host.
     *
     * @throws ConflictException if the machine has no instance yet
     * @throws ProviderException for an instance of any other kind
     */
    static MachineAccess of(MachineId machine, Optional<String> instanceId, String environment, Path dataDir) {
        if (machine.isBootstrap()) {
            return new Host(machine, dataDir);
        }
        String instance = instanceId.orElseThrow(() -> new ConflictException("machine " + machine
                + " is not provisioned yet: it has no instance (see 'juju status')"));
        if (instance.equals("process-" + environment + "-" + machine)) {
            return new Host(machine, dataDir);
        }
        if (instance.startsWith("juju-" + environment + "-")) {
            return new Container(machine, instance);
        }
        throw new ProviderException("machine " + machine + " runs on instance '" + instance + "', which this client"
                + " cannot reach: only process machines and LXC containers of a local environment");
    }

    /**
     * A process machine (or machine 0): a directory on this host; commands run here, as this user.
     *
     * @param root the environment's data directory
     */
    record Host(MachineId machine, Path root) implements MachineAccess {
        public Host {
            Objects.requireNonNull(machine, "machine");
            Objects.requireNonNull(root, "root");
        }

        @Override
        public ProcessBuilder command(List<String> program, Path directory) {
            return new ProcessBuilder(program).directory(directory.toFile());
        }

        @Override
        public ProcessBuilder shell(String shell, Path directory) {
            return command(List.of(shell == null || shell.isBlank() ? "/bin/sh" : shell), directory);
        }
    }

    /**
     * An LXC container on this host: commands run through {@code lxc-attach} with a cleared
     * environment (only {@code TERM} kept).
     */
    record Container(MachineId machine, String name) implements MachineAccess {
        public Container {
            Objects.requireNonNull(machine, "machine");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public Path root() {
            return CONTAINER_ROOT;
        }

        /**
         * {@code program} run in the container with {@code lxc-attach}, a clean environment but
         * {@code TERM}, in {@code directory} inside the container (or {@code /} if that is
         * missing, as {@code lxc-attach} has no working-directory option).
         */
        @Override
        public ProcessBuilder command(List<String> program, Path directory) {
            List<String> line = new ArrayList<>(List.of("lxc-attach", "-n", name, "--clear-env", "--keep-var", "TERM", "--"));
            if (directory != null) {
                line.addAll(List.of("/bin/sh", "-c", "cd \"$0\" 2>/dev/null || cd /; exec \"$@\"", directory.toString()));
            }
            line.addAll(program);
            return new ProcessBuilder(line);
        }

        @Override
        public ProcessBuilder shell(String shell, Path directory) {
            return command(List.of("bash", "-l"), directory);
        }
    }
}
