package org.juju.client.command;

import java.util.List;
import org.juju.client.ServiceCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Adds units to a service; they wait for the provisioning agent to place them. */
@Command(name = "add-unit", description = "Add units to a service.")
public final class AddUnitCommand extends ServiceCommand {
    @Option(names = {"-n", "--num-units"}, defaultValue = "1", description = "Number of units to add (default 1).")
    int count;

    @Override
    protected int run(EnvironmentSession session, ServiceName name) {
        List<UnitName> units = session.state().units().add(name, count);
        out().println("Added " + Texts.plural(units.size(), "unit") + " to service '" + name + "': " + Texts.join(units));
        return 0;
    }
}
