package org.juju.agents.provisioning;

import java.util.Objects;
import org.juju.agents.runtime.AgentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioning agent: starts and stops machines through the provider and keeps their firewalls.
 * For now a stub that waits for the state tree, says it started and idles until stopped. It has no
 * presence node (the state tree has no place for one).
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
        context.shutdown().await();
    }
}
