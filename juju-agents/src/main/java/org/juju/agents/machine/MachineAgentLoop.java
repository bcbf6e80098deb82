package org.juju.agents.machine;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.juju.agents.runtime.AgentContext;
import org.juju.agents.runtime.WatchSet;
import org.juju.state.JujuState;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine agent's work: reports the machine started, then runs {@link Deployer} rounds when
 * the machine's assignments or the units assigned to it change (watches only mark it dirty) and
 * at least every few seconds, until shutdown. Rounds pause while ZooKeeper is disconnected.
 */
public final class MachineAgentLoop {
    private static final Logger LOG = LoggerFactory.getLogger(MachineAgentLoop.class);
    private static final Duration RESYNC = Duration.ofSeconds(5);
    private final AgentContext context;
    private final MachineId machine;
    private final UnitProcesses.Factory unitProcesses;

    /** The loop of {@code context}'s machine, running its unit agents with what {@code unitProcesses} opens. */
    public MachineAgentLoop(AgentContext context, UnitProcesses.Factory unitProcesses) {
        this.context = context;
        this.machine = context.machineId();
        this.unitProcesses = unitProcesses;
    }

    /** Runs until the agent is asked to stop; stops the unit agents it started on the way out. */
    public void run() {
        JujuState state = new JujuState(new StateStore(context.client(), context.connection().acls()));
        Semaphore dirty = new Semaphore(1);
        context.shutdown().whenRequested(dirty::release);
        try (UnitProcesses processes = unitProcesses.open(context)) {
            Deployer deployer = new Deployer(state, machine, context.dir(), processes, context.connection().identity());
            loop(state, deployer, dirty);
        }
        LOG.info("machine agent of machine {} stopped", machine);
    }

    private void loop(JujuState state, Deployer deployer, Semaphore dirty) {
        boolean reported = false;
        try (WatchSet watches = new WatchSet(context.client(), path -> unreadByRounds(path, deployer), dirty::release)) {
            watches.tree(StatePaths.machineUnits(machine));
            while (!context.shutdown().isRequested()) {
                dirty.tryAcquire(RESYNC.toMillis(), TimeUnit.MILLISECONDS);
                dirty.drainPermits();
                if (context.connection().isConnected()) {
                    try {
                        if (!reported) {
                            state.machines().setStatus(machine, "started", null);
                            reported = true;
                        }
                        watches.follow(assignedUnits(state));
                        deployer.reconcile();
                    } catch (RuntimeException e) {
                        LOG.warn("deploy round failed, will retry: {}", e.getMessage());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether {@code path} is one the machine agent's rounds do not read: a unit's status history
     * or open ports, and the status of a unit the deployer does not follow (it reads a unit's status
     * only once the unit is dying, {@link Deployer#followsStatusOf}). The unit agents' writes there
     * wake no round.
     */
    static boolean unreadByRounds(String path, Deployer deployer) {
        if (path.endsWith("/status-history") || path.endsWith("/ports")) {
            return true;
        }
        Optional<UnitName> unit = StatePaths.unitOfStatus(path);
        return unit.isPresent() && !deployer.followsStatusOf(unit.get());
    }

    /** The subtrees of the units assigned to this machine: their life and their agents' status. */
    private Set<String> assignedUnits(JujuState state) {
        return state.store().children(StatePaths.machineUnits(machine)).stream()
                .map(key -> StatePaths.unit(UnitName.fromKey(key))).collect(Collectors.toSet());
    }
}
