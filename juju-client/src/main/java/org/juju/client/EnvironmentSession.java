package org.juju.client;

import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.Provider;
import org.juju.provider.Providers;
import org.juju.provider.StateServer;
import org.juju.state.JujuState;
import org.juju.state.error.AccessDeniedException;
import org.juju.state.error.ConflictException;
import org.juju.state.error.NotBootstrappedException;
import org.juju.state.error.StateUnavailableException;
import org.juju.state.security.AclSource;
import org.juju.state.security.Identities;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;

/** A connection to one bootstrapped environment's state, for the duration of one command. */
public final class EnvironmentSession implements AutoCloseable {
    private final EnvironmentConfig config;
    private final Provider provider;
    private final StateServer server;
    private final CuratorFramework client;
    private final JujuState state;

    private EnvironmentSession(EnvironmentConfig config, Provider provider, StateServer server, CuratorFramework client) {
        this.config = config;
        this.provider = provider;
        this.server = server;
        this.client = client;
        this.state = new JujuState(new StateStore(client, AclSource.policy()));
    }

    /**
     * Connects to {@code config}'s environment.
     *
     * @throws NotBootstrappedException  if it was never bootstrapped (the message says how to)
     * @throws StateUnavailableException if its ZooKeeper does not answer (the message names the address)
     */
    public static EnvironmentSession open(EnvironmentConfig config, Duration connectTimeout) {
        Provider provider = Providers.create(config);
        StateServer server = provider.stateServer().orElseThrow(() -> notBootstrapped(config));
        CuratorFramework client;
        try {
            client = connect(config, server, connectTimeout);
        } catch (StateUnavailableException e) {
            throw new StateUnavailableException(e.getMessage() + " for environment '" + config.name()
                    + "'; if its processes stopped, 'juju bootstrap -e " + config.name() + "' starts them again", e);
        }
        EnvironmentSession session = new EnvironmentSession(config, provider, server, client);
        if (!session.state.environment().isInitialized()) {
            session.close();
            throw notBootstrapped(config);
        }
        String owner;
        try {
            owner = session.state.environment().info().name();
        } catch (AccessDeniedException e) {
            session.close();
            throw new AccessDeniedException("environment '" + config.name() + "' refuses this client: the admin-secret"
                    + " in environments.yaml is not the one it was bootstrapped with");
        }
        if (!owner.equals(config.name())) {
            session.close();
            throw new ConflictException("environment '" + config.name() + "' shares its state server with environment '"
                    + owner + "': give each its own data-dir");
        }
        return session;
    }

    /** Opens a session on a server that was just started, before the tree is initialized. */
    public static EnvironmentSession openForBootstrap(EnvironmentConfig config, Provider provider, StateServer server,
                                                      Duration connectTimeout) {
        return new EnvironmentSession(config, provider, server, connect(config, server, connectTimeout));
    }

    /**
     * Connects as the environment's admin (the {@code admin-secret} of its configuration), or
     * anonymously for a configuration without one.
     */
    private static CuratorFramework connect(EnvironmentConfig config, StateServer server, Duration connectTimeout) {
        return config.optionalString("admin-secret")
                .map(secret -> StateConnection.connect(server, Identities.admin(secret), AclSource.policy(), connectTimeout))
                .orElseGet(() -> StateConnection.connect(server, connectTimeout));
    }

    private static NotBootstrappedException notBootstrapped(EnvironmentConfig config) {
        return new NotBootstrappedException("environment '" + config.name() + "' is not bootstrapped: run 'juju bootstrap -e "
                + config.name() + "' first");
    }

    public EnvironmentConfig config() {
        return config;
    }

    public Provider provider() {
        return provider;
    }

    public JujuState state() {
        return state;
    }

    /** The ZooKeeper connect string. */
    public String connectString() {
        return server.connectString();
    }

    @Override
    public void close() {
        client.close();
    }
}
