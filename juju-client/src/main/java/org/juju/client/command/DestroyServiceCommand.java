package org.juju.client.command;

import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.model.ServiceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Destroys a service with its units and relations. */
@Command(name = "destroy-service", description = "Destroy a service, its units and its relations.")
public final class DestroyServiceCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Override
    protected int run() {
        ServiceName name = ServiceName.of(service);
        try (EnvironmentSession session = connect()) {
            boolean gone = session.state().services().destroy(name);
            out().println(gone ? "Destroyed service '" + name + "'."
                    : "Destroying service '" + name + "': its agents stop its units and relations first.");
        }
        return 0;
    }
}
