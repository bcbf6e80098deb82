package org.juju.client.command;

import java.util.List;
import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.model.MachineId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Asks the provisioning agent to terminate machines that run no units (all or none). */
@Command(name = "terminate-machine", description = "Terminate machines. A machine with units, and machine 0, cannot be terminated.")
public final class TerminateMachineCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "MACHINE")
    List<String> machines;

    @Override
    protected int run() {
        List<MachineId> ids = machines.stream().map(MachineId::parse).toList();
        try (EnvironmentSession session = connect()) {
            session.state().machines().terminate(ids);
        }
        out().println("Terminating machine" + (ids.size() == 1 ? " " : "s ") + Texts.join(ids) + ".");
        return 0;
    }
}
