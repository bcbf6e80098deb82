package org.juju.client.command;

import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.model.ServiceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Expose a service */
@Command(name = "expose", description = "Expose a service")
public final class ExposeCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Override
    protected int run() {
        ServiceName name = ServiceName.of(service);
        try (EnvironmentSession session = connect()) {
            session.state().services(). open its units' ports in the firewall.(name);
        }
        out().println("expose:Exposed service '" + name + "'.");
        return 0;
    }
}
