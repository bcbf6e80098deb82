package org.juju.client.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.client.access.MachineAccess;
import org.juju.client.access.MachineLocator;
import org.juju.state.error.ConflictException;
import org.juju.state.model.UnitName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Runs a command, or a shell, on the machine of a unit or of a machine id: on this host in the
 * machine's directory (a unit's charm directory) for a process machine, through {@code lxc-attach}
 * for an LXC container. The child takes the terminal; its exit status is the command's.
 */
@Command(name = "ssh", description = "Run a command, or a shell, on the machine of a unit or machine:"
        + " on this host for a process machine, through lxc-attach for an LXC container.")
public final class SshCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "UNIT|MACHINE", description = "A unit (mysql/0) or a machine (1).")
    String target;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Run by sh -c, its words joined by spaces"
            + " (as ssh does); without it, a shell.")
    List<String> command = new ArrayList<>();

    @Override
    protected int run() {
        ProcessBuilder child;
        try (EnvironmentSession session = connect()) {
            MachineAccess machine = new MachineLocator(session.state(), session.config().name(),
                    MachineLocator.localDataDir(session.config(), "ssh")).locate(target);
            Path directory = directory(machine);
            child = command.isEmpty() ? machine.shell(context().getenv("SHELL"), directory)
                    : machine.shellCommand(command, directory);
        }
        out().flush();
        return context().terminal().run(child);
    }

    /** Where the command works on the host: the unit's charm directory, or the machine's directory. */
    private Path directory(MachineAccess machine) {
        if (!target.contains("/")) {
            Path dir = machine.machineDir();
            if (machine instanceof MachineAccess.Host && !Files.isDirectory(dir)) {
                throw new ConflictException("machine " + machine.machine() + " has no directory " + dir + " on this host:"
                        + " it is not running");
            }
            return dir;
        }
        Path charm = machine.unitDir(UnitName.parse(target)).resolve("charm");
        if (machine instanceof MachineAccess.Host && !Files.isDirectory(charm)) {
            throw new ConflictException("unit " + target + " is not deployed on machine " + machine.machine()
                    + " yet: no " + charm + " (see 'juju status')");
        }
        return charm;
    }
}
