package org.juju.client.command;

import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.EndpointRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Remove the relation between two services. */
@Command(name = "remove-relation", description = "Remove the relation between two services.")
public final class RemoveRelationCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SERVICE[:RELATION]")
    String first;

    @Parameters(index = "1", paramLabel = "SERVICE[:RELATION]")
    String second;

    @Override
    protected int run() {
        EndpointRef a = EndpointRef.parse(first);
        EndpointRef b = EndpointRef.parse(second);
        try (EnvironmentSession session = connect()) {
            session.state().relations().remove(a, b);
        }
        out().println("Removing relation between " + a + " and " + b + ".");
        return 0;
    }
}
