package org.juju.agents.unit;

import java.util.Objects;
import java.util.Optional;
import org.juju.agents.hook.ToolServer;
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
    private final ToolServer.Listening toolListening;

    public UnitAgent(AgentContext context) {
        this(context, UnitLogListener.NONE);
    }

    /** A unit agent that tells {@code unitLog} of every line its hooks write to the unit log. */
    public UnitAgent(AgentContext context, UnitLogListener unitLog) {
        this(context, unitLog, ToolServer.Listening.ALWAYS);
    }

    /**
     * A unit agent whose hook tool server listens as {@code toolListening} says: an agent process
     * listens always (its live socket keeps a second agent of the same unit from running); agents
     * that something else keeps to one per unit, such as a simulated machine's, may listen only
     * while hooks run.
     */
    public UnitAgent(AgentContext context, UnitLogListener unitLog, ToolServer.Listening toolListening) {
        this.context = Objects.requireNonNull(context, "context");
        this.unit = context.unitName();
        this.unitLog = Objects.requireNonNull(unitLog, "unitLog");
        this.toolListening = Objects.requireNonNull(toolListening, "toolListening");
    }

    /** Runs until the agent's stop is requested. */
    public void run() {
        Optional<Presence> presence = Presence.start(context, StatePaths.unitPresence(unit));
        if (presence.isEmpty()) {
            return;
        }
        try (Presence kept = presence.get()) {
            LOG.info("unit agent of {} started (presence {})", unit, kept.path());
            new UnitAgentLoop(context, unitLog, toolListening).run();
        }
    }
}
