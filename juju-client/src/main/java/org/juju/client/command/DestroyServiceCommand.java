package org.juju.client.command;

import org.juju.client.ServiceCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.model.ServiceName;
import picocli.CommandLine.Command;

/** Destroys a service with its units and relations. */
@Command(name = "destroy-service", description = "Destroy a service, its units and its relations.")
public final class DestroyServiceCommand extends ServiceCommand {
    @Override
    protected int run(EnvironmentSession session, ServiceName name) {
        boolean gone = session.state().services().destroy(name);
        out().println(gone ? "Destroyed service '" + name + "'."
                : "Destroying service '" + name + "': its agents stop its units and relations first.");
        return 0;
    }
}
