package org.juju.client.command;

import org.juju.client.ServiceCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.model.ServiceName;
import picocli.CommandLine.Command;

/** Exposes a service: the firewall opens the ports its units open. */
@Command(name = "expose", description = "Expose a service: open the ports its units open in the firewall.")
public final class ExposeCommand extends ServiceCommand {
    @Override
    protected int run(EnvironmentSession session, ServiceName name) {
        session.state().services().expose(name);
        out().println("Exposed service '" + name + "'.");
        return 0;
    }
}
