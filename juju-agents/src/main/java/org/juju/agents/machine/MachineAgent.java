package org.juju.agents.machine;

import java.util.Objects;
import java.util.Optional;
import org.juju.agents.runtime.AgentArguments;
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
    private final UnitProcesses.Factory unitProcesses;

    /**
     * The agent of {@code context}'s machine, running its unit agents as child processes
     * ({@link SupervisedUnitProcesses}); {@code spare} goes to the first unit deployed.
     */
    public MachineAgent(AgentContext context, Optional<SpareUnitAgent> spare) {
        this(context, supervised(Objects.requireNonNull(spare, "spare")));
    }

    /** The agent of {@code context}'s machine, running its unit agents with {@code unitProcesses}. */
    public MachineAgent(AgentContext context, UnitProcesses.Factory unitProcesses) {
        this.context = Objects.requireNonNull(context, "context");
        this.machine = context.machineId();
        this.unitProcesses = Objects.requireNonNull(unitProcesses, "unitProcesses");
    }

    /** Unit agents as child processes of the machine agent; {@code spare} goes to the first one. */
    private static UnitProcesses.Factory supervised(Optional<SpareUnitAgent> spare) {
        return context -> new SupervisedUnitProcesses(context.zooKeeper(), spare);
    }

    /**
     * A spare unit agent JVM for the machine agent of {@code arguments}: the one started {@code ahead}
     * (by a spare machine's agent before it knew its machine), else one started at once so that it
     * warms up while the agent connects. On every machine but machine 0, which gets units only when
     * placed there explicitly (a new machine is started for a unit, so its spare is used); a spare
     * started ahead for another kind of agent is ended.
     */
    public static Optional<SpareUnitAgent> spareFor(AgentArguments arguments, Optional<SpareUnitAgent> ahead) {
        boolean wanted = arguments.kind() == AgentArguments.Kind.MACHINE
                && arguments.machine().map(id -> id.value() != 0).orElse(false);
        if (!wanted) {
            ahead.ifPresent(SpareUnitAgent::close);
            return Optional.empty();
        }
        return ahead.isPresent() ? ahead : SpareUnitAgent.start(arguments.dir());
    }

    /** Runs until the agent's stop is requested. */
    public void run() {
        Optional<Presence> presence = Presence.start(context, StatePaths.machinePresence(machine));
        if (presence.isEmpty()) {
            return;
        }
        try (Presence kept = presence.get()) {
            LOG.info("machine agent of machine {} started (presence {})", machine, kept.path());
            new MachineAgentLoop(context, unitProcesses).run();
        }
    }
}
