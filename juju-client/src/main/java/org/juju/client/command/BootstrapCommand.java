package org.juju.client.command;

import java.nio.file.Files;
import java.nio.file.Path;
import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.client.env.EnvironmentsFile;
import org.juju.client.env.JujuHome;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.Provider;
import org.juju.provider.Providers;
import org.juju.provider.StateServer;
import org.juju.state.EnvironmentInfo;
import org.juju.state.EnvironmentState;
import org.juju.state.HookRetryPolicy;
import org.juju.state.PlacementPolicy;
import picocli.CommandLine.Command;

/**
 * Starts an environment's state server and initializes its state tree. Idempotent: on a running
 * environment it only says so, and on one whose processes died it starts them again with their data.
 */
@Command(name = "bootstrap", description = "Start the environment's state server (ZooKeeper) and initialize its state."
        + " Writes a local environment to environments.yaml if there is none (LXC containers where this host can"
        + " run them, else processes).")
public final class BootstrapCommand extends BaseCommand {
    /** The environment written when there is no environments.yaml. */
    static final String DEFAULT_ENVIRONMENT = "local";

    @Override
    protected int run() {
        Path file = JujuHome.environmentsFile(context().jujuHome());
        if (!Files.exists(file)) {
            java.util.Map<String, Object> sample = Providers.factory("local").sampleConfig(DEFAULT_ENVIRONMENT);
            EnvironmentsFile.writeNew(file, DEFAULT_ENVIRONMENT, sample);
            out().println("No environments file found: wrote " + file + " with a '" + DEFAULT_ENVIRONMENT
                    + "' environment (mode 0600: it holds the admin secret).");
            out().println("lxc".equals(sample.get("container")) ? "Its machines are LXC containers (container: lxc)."
                    : "Its machines are processes on this host (container: process): "
                    + org.juju.provider.local.LocalProviderFactory.whyNotContainers().orElse("") + ".");
        }
        EnvironmentConfig config = environmentConfig();
        String adminSecret = config.requireString("admin-secret");
        config.optionalSeconds("provisioning-timeout");
        HookRetryPolicy hookRetry = new HookRetryPolicy(
                config.optionalBoolean(HookRetryPolicy.ENABLED_KEY).orElse(HookRetryPolicy.DEFAULT.enabled()),
                config.optionalSeconds(HookRetryPolicy.DELAY_KEY).orElse(HookRetryPolicy.DEFAULT.firstDelay()));
        PlacementPolicy placement = config.optionalInt(PlacementPolicy.UNITS_PER_MACHINE_KEY, 1,
                PlacementPolicy.MAX_UNITS_PER_MACHINE).map(PlacementPolicy::new).orElse(PlacementPolicy.DEFAULT);
        Provider provider = Providers.create(config);
        StateServer server = provider.bootstrap(message -> err().println(message));
        try (EnvironmentSession session = EnvironmentSession.openForBootstrap(config, provider, server, context().connectTimeout())) {
            EnvironmentState environment = session.state().environment();
            if (environment.isInitialized()) {
                String owner;
                try {
                    owner = environment.info().name();
                } catch (org.juju.state.error.AccessDeniedException e) {
                    throw new org.juju.state.error.ConflictException("the state server at " + server.connectString()
                            + " refuses environment '" + config.name() + "': it belongs to another environment (give"
                            + " each its own data-dir), or was bootstrapped with another admin-secret");
                }
                if (!owner.equals(config.name())) {
                    throw new org.juju.state.error.ConflictException("environment '" + config.name()
                            + "' shares its state server with environment '" + owner + "': give each its own data-dir");
                }
                out().println("Environment '" + config.name() + "' is already bootstrapped (ZooKeeper at "
                        + server.connectString() + ").");
                return 0;
            }
            String series = config.optionalString("default-series").orElse("bookworm");
            // The admin secret is the client's own credential: agents never get it.
            environment.initialize(new EnvironmentInfo(config.name(), config.type(), series), provider.agentConfig(),
                    java.util.Optional.of(org.juju.state.security.IdentityKeys.create(adminSecret)), hookRetry, placement);
        }
        out().println("Bootstrapped environment '" + config.name() + "' (ZooKeeper at " + server.connectString() + ").");
        return 0;
    }
}
