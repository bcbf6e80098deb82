package org.juju.agents.provisioning;

import java.util.Objects;
import org.juju.agents.runtime.AgentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioning agent: starts and stops machines through the provider and keeps their firewalls.
 * Waits for the state tree, then runs {@link ProvisioningAgentLoop} until stopped. It has no
 * presence node: several may run, and the leader election shows which one acts.
 */
public final class ProvisioningAgent {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningAgent.class);

    private final AgentContext context;

    public ProvisioningAgent(AgentContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** Runs until the agent's stop is requested. */
    public void run() {
        if (!context.awaitInitialized()) {
            return;
        }
        LOG.info("provisioning agent started");
        new ProvisioningAgentLoop(context).run();
    }
}
