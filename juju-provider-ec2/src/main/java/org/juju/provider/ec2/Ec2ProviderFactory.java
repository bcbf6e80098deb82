package org.juju.provider.ec2;

import java.util.List;
import java.util.Optional;
import org.juju.provider.CharmStorage;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.MachineProvider;
import org.juju.provider.ProgressListener;
import org.juju.provider.Provider;
import org.juju.provider.ProviderFactory;
import org.juju.provider.StateServer;
import org.juju.state.error.ProviderException;

/**
 * The {@code ec2} provider type. Its configuration is validated now, with the original's keys;
 * starting instances is not available yet, and every operation that would need it says so.
 */
public final class Ec2ProviderFactory implements ProviderFactory {
    /** Keys the original required of an ec2 environment. */
    static final List<String> REQUIRED = List.of("control-bucket", "admin-secret", "default-series");

    @Override
    public String type() {
        return "ec2";
    }

    @Override
    public Provider create(EnvironmentConfig config) {
        REQUIRED.forEach(config::requireString);
        config.optionalBoolean("ssl-hostname-verification");
        return new Unavailable(config);
    }

    /** An ec2 environment whose operations are not available yet. */
    private record Unavailable(EnvironmentConfig config) implements Provider {
        @Override
        public StateServer bootstrap(ProgressListener progress) {
            throw unavailable();
        }

        @Override
        public Optional<StateServer> stateServer() {
            throw unavailable();
        }

        @Override
        public CharmStorage charmStorage() {
            throw unavailable();
        }

        @Override
        public MachineProvider machines() {
            throw unavailable();
        }

        @Override
        public void destroy(ProgressListener progress) {
            throw unavailable();
        }

        private ProviderException unavailable() {
            return new ProviderException("environment '" + config.name() + "': the ec2 provider cannot start instances"
                    + " yet; use a local environment");
        }
    }
}
