package org.juju.client.command;

import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.EndpointRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Relate two services; endpoints are matched by interface and role. */
@Command(name = "add-relation", description = "Relate two services; endpoints are matched by interface and role.")
public final class AddRelationCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SERVICE[:RELATION]")
    String first;

    @Parameters(index = "1", paramLabel = "SERVICE[:RELATION]")
    String second;

    @Override
    protected int run() {
        EndpointRef a = EndpointRef.parse(first);
        EndpointRef b = EndpointRef.parse(second);
        try (EnvironmentSession session = connect()) {
            session.state().relations().add(a, b);
        }
        out().println("Added relation between " + a + " and " + b + ".");
        return 0;
    }
}
