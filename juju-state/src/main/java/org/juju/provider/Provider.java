package org.juju.provider;

import java.util.Optional;

/**
 * One environment on one kind of cloud. The client calls only {@link #bootstrap},
 * {@link #stateServer}, {@link #charmStorage} and {@link #destroy}; everything else happens through
 * the state tree. The provisioning agent gets machine operations through an extension of this SPI.
 *
 * <p>Implementations are created by a {@link ProviderFactory} that has validated the configuration.
 */
public interface Provider {
    /** The configuration this provider was created from. */
    EnvironmentConfig config();

    /**
     * Starts the environment's state server (and what must run beside it) if it is not running, and
     * waits until it accepts connections. Idempotent: an environment whose processes died is brought
     * back with its data.
     *
     * @return where clients and agents connect
     * @throws org.juju.state.error.ProviderException if it cannot be started; the message says why
     */
    StateServer bootstrap(ProgressListener progress);

    /**
     * Where the state server runs, or empty if the environment has not been bootstrapped. Does not
     * check that the server is reachable.
     */
    Optional<StateServer> stateServer();

    /**
     * The configuration the environment's agents get, written to {@code /secrets/provider} at
     * bootstrap (only the provisioning agent reads it). Default: the environment's keys without
     * {@code admin-secret}, which is the client's own credential. A provider may add what its agents
     * need that the client found elsewhere (such as credentials from a default chain).
     */
    default java.util.Map<String, Object> agentConfig() {
        java.util.Map<String, Object> keys = new java.util.LinkedHashMap<>(config().attributes());
        keys.remove("admin-secret");
        return keys;
    }

    /** The environment's charm storage. */
    CharmStorage charmStorage();

    /**
     * The machine operations, for the provisioning agent.
     *
     * @throws org.juju.state.error.ProviderException if this provider cannot start machines
     */
    MachineProvider machines();

    /**
     * Stops everything the environment runs and removes its data. Safe to call on an environment
     * that is not (or only partly) bootstrapped.
     */
    void destroy(ProgressListener progress);
}
