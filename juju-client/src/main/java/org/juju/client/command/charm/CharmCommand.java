package org.juju.client.command.charm;

import org.juju.client.ClientContext;
import org.juju.client.JujuCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code juju charm}: the charm author's tools, which work on a charm directory and need no
 * environment: {@code proof} (static checks), {@code run-hook} (one hook against a simulated unit)
 * and {@code test} (scenario files).
 */
@Command(name = "charm", mixinStandardHelpOptions = true,
        description = "Check, run and test a charm's hooks locally, without an environment.",
        subcommands = {CharmProofCommand.class, CharmRunHookCommand.class, CharmTestCommand.class})
public final class CharmCommand implements Runnable {
    @ParentCommand
    JujuCommand root;

    ClientContext context() {
        return root.context();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this),
                "a subcommand is required: proof, run-hook or test");
    }
}
