package org.juju.client.command;

import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.model.ServiceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Exposes a service: the firewall opens the ports its units open. */
@Command(name = "expose", description = "Expose a service: open the ports its units open in the firewall.")
public final class ExposeCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Override
    protected int run() {
        ServiceName name = ServiceName.of(service);
        try (EnvironmentSession session = connect()) {
            session.state().services().expose(name);
        }
        out().println("Exposed service '" + name + "'.");
        return 0;
    }
}
