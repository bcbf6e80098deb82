package org.juju.client.command;

import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.model.ServiceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Stop exposing a service. */
@Command(name = "unexpose", description = "Stop exposing a service.")
public final class UnexposeCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Override
    protected int run() {
        ServiceName name = ServiceName.of(service);
        try (EnvironmentSession session = connect()) {
            session.state().services().unexpose(name);
        }
        out().println("Unexposed service '" + name + "'.");
        return 0;
    }
}
