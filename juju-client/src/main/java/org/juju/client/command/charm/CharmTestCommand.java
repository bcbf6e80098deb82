package org.juju.client.command.charm;

import org.juju.state.error.ErrorCode;
import org.juju.state.error.JujuException;
import picocli.CommandLine.Command;

/** {@code juju charm test}: Run a charm's scenario files (tests/*.yaml) against a simulated unit. */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Run a charm's scenario files (tests/*.yaml) against a simulated unit.")
public final class CharmTestCommand extends CharmToolCommand {
    @Override
    protected int run() {
        throw new JujuException(ErrorCode.INTERNAL, "juju charm test is not implemented yet");
    }
}
