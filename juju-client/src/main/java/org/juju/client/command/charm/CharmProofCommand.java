package org.juju.client.command.charm;

import org.juju.state.error.ErrorCode;
import org.juju.state.error.JujuException;
import picocli.CommandLine.Command;

/** {@code juju charm proof}: Check a charm directory: metadata, config, hooks (errors and warnings). */
@Command(name = "proof", mixinStandardHelpOptions = true, description = "Check a charm directory: metadata, config, hooks (errors and warnings).")
public final class CharmProofCommand extends CharmToolCommand {
    @Override
    protected int run() {
        throw new JujuException(ErrorCode.INTERNAL, "juju charm proof is not implemented yet");
    }
}
