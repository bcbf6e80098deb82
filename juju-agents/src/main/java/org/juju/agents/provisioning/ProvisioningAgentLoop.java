package org.juju.agents.provisioning;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.juju.agents.runtime.AgentContext;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.MachineProvider;
import org.juju.provider.Providers;
import org.juju.state.JujuState;
import org.juju.state.path.StatePaths;
import org.juju.state.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioning agent's work: builds the environment's provider from {@code /secrets/provider}
 * (the only agent that may read it) and runs a leader-elected {@link ProvisioningLoop} until
 * shutdown. {@code provisioning-timeout} (seconds, default 120) in the environment's
 * configuration sets how long a machine agent may take to come up before its machine is
 * reported in error.
 */
public final class ProvisioningAgentLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningAgentLoop.class);
    private static final Duration RESYNC = Duration.ofSeconds(10);
    private static final Duration DEFAULT_LAUNCH_TIMEOUT = Duration.ofSeconds(120);
    private final AgentContext context;

    public ProvisioningAgentLoop(AgentContext context) {
        this.context = context;
    }

    /** {@code provisioning-timeout} in seconds; an unusable value is reported and the default used. */
    static Duration launchTimeout(EnvironmentConfig config) {
        try {
            return config.optionalSeconds("provisioning-timeout").orElse(DEFAULT_LAUNCH_TIMEOUT);
        } catch (org.juju.state.error.InvalidInputException e) {
            LOG.warn("{}; using {} s", e.getMessage(), DEFAULT_LAUNCH_TIMEOUT.toSeconds());
            return DEFAULT_LAUNCH_TIMEOUT;
        }
    }

    /** Runs until the agent is asked to stop. */
    public void run() {
        JujuState state = new JujuState(new StateStore(context.client(), context.connection().acls()));
        Map<String, Object> secrets = state.store().require(StatePaths.providerSecrets(),
                () -> new org.juju.state.error.NotFoundException("the environment has no provider configuration")).data();
        String name = state.environment().info().name();
        EnvironmentConfig config = new EnvironmentConfig(name, String.valueOf(secrets.get("type")), secrets,
                Path.of(StatePaths.providerSecrets()));
        MachineProvider machines = Providers.create(config).machines();
        Duration timeout = launchTimeout(config);
        Provisioner provisioner = new Provisioner(state, machines, context.zooKeeper(), timeout, Clock.systemUTC());
        try (ProvisioningLoop loop = new ProvisioningLoop(context.client(), provisioner, RESYNC,
                context.identity() + "-" + ProcessHandle.current().pid())) {
            loop.start();
            LOG.info("provisioning agent of environment {} started", name);
            context.shutdown().await();
        } catch (java.io.IOException e) {
            LOG.warn("closing the provisioning loop: {}", e.getMessage());
        }
    }
}
