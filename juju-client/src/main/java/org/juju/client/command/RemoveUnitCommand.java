package org.juju.client.command;

import java.util.List;
import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.model.UnitName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Removes units (all or none). Their machines stay: terminate them with terminate-machine. */
@Command(name = "remove-unit", description = "Remove units. Their machines are kept; use terminate-machine to release them.")
public final class RemoveUnitCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "UNIT")
    List<String> units;

    @Override
    protected int run() {
        List<UnitName> names = units.stream().map(UnitName::parse).toList();
        try (EnvironmentSession session = connect()) {
            session.state().units().remove(names);
        }
        out().println("Removing " + Texts.join(names) + ".");
        return 0;
    }
}
