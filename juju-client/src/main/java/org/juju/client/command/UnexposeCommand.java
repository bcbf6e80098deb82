package org.juju.client.command;

import org.juju.client.ServiceCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.model.ServiceName;
import picocli.CommandLine.Command;

/** Stop exposing a service. */
@Command(name = "unexpose", description = "Stop exposing a service.")
public final class UnexposeCommand extends ServiceCommand {
    @Override
    protected int run(EnvironmentSession session, ServiceName name) {
        session.state().services().unexpose(name);
        out().println("Unexposed service '" + name + "'.");
        return 0;
    }
}
