package org.juju.agents.machine;

import java.util.Objects;
import java.util.Optional;
import org.juju.agents.runtime.AgentContext;
import org.juju.agents.runtime.Presence;
import org.juju.state.model.MachineId;
import org.juju.state.path.StatePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine agent of one machine: keeps the machine's presence node and runs
 * {@link MachineAgentLoop} (deploys the units assigned to it, runs their unit agents) until stopped.
 */
public final class MachineAgent {
    private static final Logger LOG = LoggerFactory.getLogger(MachineAgent.class);

    private final AgentContext context;
    private final MachineId machine;

    public MachineAgent(AgentContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.machine = context.machineId();
    }

    /** Runs until the agent's stop is requested. */
    public void run() {
        Optional<Presence> presence = Presence.start(context, StatePaths.machinePresence(machine));
        if (presence.isEmpty()) {
            return;
        }
        try (Presence kept = presence.get()) {
            LOG.info("machine agent of machine {} started (presence {})", machine, kept.path());
            new MachineAgentLoop(context).run();
        }
    }
}
