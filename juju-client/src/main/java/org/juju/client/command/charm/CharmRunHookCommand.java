package org.juju.client.command.charm;

import org.juju.state.error.ErrorCode;
import org.juju.state.error.JujuException;
import picocli.CommandLine.Command;

/** {@code juju charm run-hook}: Run one hook of a charm against a simulated unit, without an environment. */
@Command(name = "run-hook", mixinStandardHelpOptions = true, description = "Run one hook of a charm against a simulated unit, without an environment.")
public final class CharmRunHookCommand extends CharmToolCommand {
    @Override
    protected int run() {
        throw new JujuException(ErrorCode.INTERNAL, "juju charm run-hook is not implemented yet");
    }
}
