package org.juju.client;

import org.juju.state.model.ServiceName;
import picocli.CommandLine.Parameters;

/**
 * A command whose first argument is a service: validates the name, connects, and hands both to
 * {@link #run(EnvironmentSession, ServiceName)}; the session is closed afterwards.
 */
public abstract class ServiceCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Override
    protected final int run() {
        ServiceName name = ServiceName.of(service);
        try (EnvironmentSession session = connect()) {
            return run(session, name);
        }
    }

    /** Does the command's work on {@code service}; returns the exit code. */
    protected abstract int run(EnvironmentSession session, ServiceName service);
}
