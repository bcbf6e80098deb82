package org.juju.agents.unit;

import java.util.Objects;
import java.util.Optional;
import org.juju.agents.hook.UnitLogListener;
import org.juju.agents.runtime.AgentContext;
import org.juju.agents.runtime.Presence;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unit agent of one unit: keeps the unit's presence node and runs {@link UnitAgentLoop} (its
 * charm's hooks, one at a time, and the hook tools) until stopped.
 */
public final class UnitAgent {
    private static final Logger LOG = LoggerFactory.getLogger(UnitAgent.class);

    private final AgentContext context;
    private final UnitName unit;
    private final UnitLogListener unitLog;

    public UnitAgent(AgentContext context) {
        this(context, UnitLogListener.NONE);
    }

    /** A unit agent that tells {@code unitLog} of every line its hooks write to the unit log. */
    public UnitAgent(AgentContext context, UnitLogListener unitLog) {
        this.context = Objects.requireNonNull(context, "context");
        this.unit = context.unitName();
        this.unitLog = Objects.requireNonNull(unitLog, "unitLog");
    }

    /** Runs until the agent's stop is requested. */
    public void run() {
        Optional<Presence> presence = Presence.start(context, StatePaths.unitPresence(unit));
        if (presence.isEmpty()) {
            return;
        }
        try (Presence kept = presence.get()) {
            LOG.info("unit agent of {} started (presence {})", unit, kept.path());
            new UnitAgentLoop(context, unitLog).run();
        }
    }
}
