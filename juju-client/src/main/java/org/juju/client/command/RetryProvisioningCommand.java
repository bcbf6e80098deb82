package org.juju.client.command;

import java.util.List;
import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.model.MachineId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Asks the provisioning agent to provision machines in error again (all or none): it stops what the
 * provider may still run for each, clears the error and starts the machine anew.
 */
@Command(name = "retry-provisioning", description = "Provision machines in error again: their instances are"
        + " stopped and started anew. Machine 0 and machines being terminated cannot be retried.")
public final class RetryProvisioningCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "MACHINE")
    List<String> machines;

    @Override
    protected int run() {
        List<MachineId> ids = machines.stream().map(MachineId::parse).distinct().toList();
        try (EnvironmentSession session = connect()) {
            session.state().machines().retries().request(ids);
        }
        out().println("Retrying provisioning of machine" + (ids.size() == 1 ? " " : "s ") + Texts.join(ids) + ".");
        return 0;
    }
}
