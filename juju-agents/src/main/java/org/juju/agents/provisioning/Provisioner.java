package org.juju.agents.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.juju.provider.Instance;
import org.juju.provider.MachineProvider;
import org.juju.provider.MachineSpec;
import org.juju.provider.Port;
import org.juju.state.JujuState;
import org.juju.state.MachineInfo;
import org.juju.state.MachineState;
import org.juju.state.UnitState;
import org.juju.state.error.CorruptNodeException;
import org.juju.state.model.MachineId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.security.AclKeeper;
import org.juju.state.security.AgentIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation round of the provisioning agent: reads the tree and the provider, plans with
 * {@link ProvisioningPlanner}, and applies each action. Actions are independent: one that fails
 * is logged and planned again next round, so a round never stops half-way on one bad machine.
 * Not thread-safe: the loop calls it from one thread, and only while it holds leadership.
 */
public final class Provisioner {
    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
    /** Rounds between two full ACL passes when nothing they depend on changed. */
    private static final int ACL_FULL_PASS_EVERY = 12;
    /**
     * The least time between two ACL passes: assignments open what they need themselves, so a pass
     * mostly revokes, and may wait for the rounds of a deploy to settle.
     */
    private static final Duration ACL_PASS_INTERVAL = Duration.ofSeconds(10);
    /**
     * How long ACL passes wait while rounds keep placing units or starting machines: such a round
     * opened what its units and machines need itself, and a pass reads the whole tree.
     */
    private static final Duration ACL_BUSY_DEFERRAL = Duration.ofSeconds(60);
    private final JujuState state;
    private final MachineProvider machines;
    private final String zooKeeper;
    private final Duration launchTimeout;
    private final Clock clock;
    private final AclKeeper acls;
    private final Map<MachineId, String> reportedUnreadable = new HashMap<>();
    private boolean roundWasBusy;
    private long lastAclCheckNanos = System.nanoTime();

    public Provisioner(JujuState state, MachineProvider machines, String zooKeeper, Duration launchTimeout, Clock clock) {
        this.state = state;
        this.machines = machines;
        this.zooKeeper = zooKeeper;
        this.launchTimeout = launchTimeout;
        this.clock = clock;
        this.acls = new AclKeeper(state.store(), ACL_FULL_PASS_EVERY, ACL_PASS_INTERVAL);
    }

    /**
     * Plans and applies one round, then lets the provider prepare capacity ahead of need
     * ({@link MachineProvider#prepareAhead}, whose failure is only logged); returns the number of
     * actions that failed.
     */
    public int reconcile() {
        return reconcile(() -> true);
    }

    /**
     * Like {@link #reconcile()}, as long as {@code mayAct} says this agent may act (it holds the
     * provisioning leadership on a live connection): it is asked before the provider's machines are
     * read further than listed, before each action, and again when the provider returns from
     * starting a machine. Once it says no, the round stops where it is: a machine started by then
     * is not recorded (the acting agent finds it through the provider's list and records it, or
     * stops it if it started one of its own meanwhile), and nothing else is done. A round never
     * acts on a plan made before a takeover or during a disconnection. The ACL pass that follows a
     * round waits while rounds keep placing units or starting machines, up to
     * {@code ACL_BUSY_DEFERRAL}.
     */
    public int reconcile(BooleanSupplier mayAct) {
        int failures = applyRound(mayAct);
        if (!mayAct.getAsBoolean()) {
            return failures;
        }
        if (!roundWasBusy || System.nanoTime() - lastAclCheckNanos > ACL_BUSY_DEFERRAL.toNanos()) {
            acls.reconcileIfChanged();
            lastAclCheckNanos = System.nanoTime();
        }
        try {
            machines.prepareAhead();
        } catch (RuntimeException e) {
            LOG.warn("cannot prepare machines ahead of need: {}", e.getMessage());
        }
        return failures;
    }

    private int applyRound(BooleanSupplier mayAct) {
        List<Instance> instances = machines.listMachines();
        if (!mayAct.getAsBoolean()) {
            LOG.info("not acting any more (leadership or connection lost): round abandoned");
            return 0;
        }
        Map<String, Set<Port>> open = new HashMap<>();
        instances.forEach(instance -> open.put(instance.instanceId(), machines.openPorts(instance.instanceId())));
        MachineState.MachineInfos read = state.machines().readAll();
        reportUnreadable(read.unreadable());
        List<MachineInfo> infos = read.readable();
        // An unreadable machine is left alone: its instance is not an orphan, nothing is placed on it.
        List<Instance> planned = instances.stream().filter(i -> !read.unreadable().containsKey(i.machine())).toList();
        ProvisioningInput input = new ProvisioningInput(infos, state.units().unassigned(), planned, wantedPorts(infos),
                open, clock.millis(), launchTimeout, state.environment().placement().unitsPerMachine());
        List<ProvisioningAction> plan = ProvisioningPlanner.plan(input);
        roundWasBusy = plan.stream().anyMatch(a -> isPlacement(a) || a instanceof ProvisioningAction.StartInstance);
        if (!mayAct.getAsBoolean()) {
            LOG.info("not acting any more (leadership or connection lost): round abandoned before placement");
            return 0;
        }
        String series = state.environment().info().defaultSeries();
        List<MachineId> toStart = new ArrayList<>(plan.stream().filter(ProvisioningAction.StartInstance.class::isInstance)
                .map(a -> ((ProvisioningAction.StartInstance) a).machine()).toList());
        int failures = place(plan, series, toStart);
        if (!toStart.isEmpty()) {
            Set<UnitName> seen = Set.copyOf(input.unassigned());
            failures += startAll(toStart, series, state.machines().identities(toStart), mayAct,
                    () -> newUnitsWaiting(seen));
        }
        for (ProvisioningAction action : plan) {
            if (isPlacement(action) || action instanceof ProvisioningAction.StartInstance) {
                continue;
            }
            if (!mayAct.getAsBoolean()) {
                LOG.info("not acting any more (leadership or connection lost): round abandoned before {}", action);
                return failures;
            }
            try {
                apply(action, series, mayAct);
            } catch (RuntimeException e) {
                failures++;
                LOG.warn("{} failed, will retry: {}", action, e.getMessage());
            }
        }
        for (org.juju.state.model.RelationId relation : state.relations().ids()) {
            try {
                if (state.relations().removeIfFinished(relation)) {
                    LOG.info("removed relation {}: its last member left", relation);
                }
            } catch (CorruptNodeException e) {
                LOG.warn("relation {} left alone: {}", relation, e.getMessage());
            }
        }
        for (ServiceName service : state.services().names()) {
            try {
                if (state.services().removeIfFinished(service)) {
                    LOG.info("removed destroyed service {}", service);
                }
            } catch (CorruptNodeException e) {
                LOG.warn("service {} left alone: {}", service, e.getMessage());
            }
        }
        return failures;
    }

    /** Whether a unit not in {@code seen} (the round's unassigned units) now waits to be placed. */
    private boolean newUnitsWaiting(Set<UnitName> seen) {
        try {
            return !seen.containsAll(state.units().unassigned());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Logs each unreadable machine once per distinct problem, not once per round. */
    private void reportUnreadable(Map<MachineId, String> unreadable) {
        unreadable.forEach((id, problem) -> {
            if (!problem.equals(reportedUnreadable.put(id, problem))) {
                LOG.error("machine {} is left alone until its data is repaired: {}", id, problem);
            }
        });
        reportedUnreadable.keySet().retainAll(unreadable.keySet());
    }

    private static boolean isPlacement(ProvisioningAction action) {
        return action instanceof ProvisioningAction.Assign || action instanceof ProvisioningAction.AddMachineFor;
    }

    /**
     * Applies the round's placement actions together: adds the machines asked for (to
     * {@code toStart}, so that the round starts them instead of leaving them to the next), then
     * makes every assignment in one {@link org.juju.state.UnitState#assignAll} (one ACL grant for
     * all). Called only while this agent may act; returns the number of units not placed (placed
     * next round).
     */
    private int place(List<ProvisioningAction> plan, String series, List<MachineId> toStart) {
        List<UnitState.Assignment> assignments = new ArrayList<>();
        List<ProvisioningAction.AddMachineFor> adds = new ArrayList<>();
        for (ProvisioningAction action : plan) {
            if (action instanceof ProvisioningAction.Assign a) {
                assignments.add(new UnitState.Assignment(a.unit(), a.machine()));
            } else if (action instanceof ProvisioningAction.AddMachineFor a) {
                adds.add(a);
            }
        }
        int failures = addMachines(adds, series, assignments, toStart);
        if (assignments.isEmpty()) {
            return failures;
        }
        Map<UnitName, org.juju.state.error.JujuException> failed;
        long began = System.nanoTime();
        try {
            failed = state.units().assignAll(assignments);
        } catch (RuntimeException e) {
            LOG.warn("assigning {} units failed, will retry: {}", assignments.size(), e.getMessage());
            return failures + assignments.size();
        }
        failed.forEach((unit, e) -> LOG.warn("assigning {} failed, will retry: {}", unit, e.getMessage()));
        LOG.info("assigned {} units to {} machines in {} ms", assignments.size() - failed.size(),
                assignments.stream().map(UnitState.Assignment::machine).distinct().count(),
                (System.nanoTime() - began) / 1_000_000);
        return failures + failed.size();
    }

    /**
     * Adds the machines {@code adds} ask for, up to {@link MachineState#MAX_MACHINES_PER_TRANSACTION}
     * in one transaction, and appends their units' assignments to {@code assignments} and their ids
     * to {@code toStart}.
     *
     * @return how many units got no machine (a failed transaction; placed next round)
     */
    private int addMachines(List<ProvisioningAction.AddMachineFor> adds, String series,
                            List<UnitState.Assignment> assignments, List<MachineId> toStart) {
        int failures = 0;
        for (int from = 0; from < adds.size(); from += MachineState.MAX_MACHINES_PER_TRANSACTION) {
            List<ProvisioningAction.AddMachineFor> batch =
                    adds.subList(from, Math.min(adds.size(), from + MachineState.MAX_MACHINES_PER_TRANSACTION));
            try {
                List<MachineId> ids = state.machines().addAll(series, batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    MachineId id = ids.get(i);
                    toStart.add(id);
                    batch.get(i).units().forEach(unit -> assignments.add(new UnitState.Assignment(unit, id)));
                    LOG.info("added machine {} for {}", id, batch.get(i).units());
                }
            } catch (RuntimeException e) {
                failures += batch.stream().mapToInt(a -> a.units().size()).sum();
                LOG.warn("adding {} machines failed, will retry: {}", batch.size(), e.getMessage());
            }
        }
        return failures;
    }

    /**
     * Starts the round's new machines, up to {@link MachineProvider#maxConcurrentStarts} at once;
     * each start asks {@code mayAct} before and after the provider call, as a single start does.
     * After every {@code maxConcurrentStarts} starts it asks {@code yieldToPlacement} whether units
     * the round did not see wait to be placed; if so the remaining starts are left to the next
     * round (which places those units first and then starts every machine without an instance), so
     * that a deploy written in several transactions is not placed only after the machines of its
     * first part have all started.
     *
     * @return how many starts failed (a provider failure recorded in the machine's status counts as
     *         done; a start not made because this agent may no longer act or left to the next
     *         round, as not failed)
     */
    private int startAll(List<MachineId> ids, String series, Map<MachineId, Optional<AgentIdentity>> identities,
                         BooleanSupplier mayAct, BooleanSupplier yieldToPlacement) {
        int parallel = Math.max(1, Math.min(machines.maxConcurrentStarts(), ids.size()));
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean yielded = new java.util.concurrent.atomic.AtomicBoolean();
        BooleanSupplier mayStart = () -> {
            if (yielded.get()) {
                return false;
            }
            int started = done.get();
            if (started > 0 && started % parallel == 0 && yieldToPlacement.getAsBoolean() && !yielded.getAndSet(true)) {
                LOG.info("units wait to be placed: {} of the round's {} machine starts are left to the next round",
                        ids.size() - started, ids.size());
            }
            return !yielded.get();
        };
        if (parallel == 1) {
            int failures = 0;
            for (MachineId id : ids) {
                if (!mayStart.getAsBoolean()) {
                    break;
                }
                failures += startCounted(id, series, identities, mayAct) ? 0 : 1;
                done.incrementAndGet();
            }
            return failures;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel, r -> {
            Thread thread = new Thread(r, "provisioning-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<java.util.concurrent.Future<Boolean>> starts = new ArrayList<>();
            ids.forEach(id -> starts.add(pool.submit(() -> {
                if (!mayStart.getAsBoolean()) {
                    return true;
                }
                try {
                    return startCounted(id, series, identities, mayAct);
                } finally {
                    done.incrementAndGet();
                }
            })));
            int failures = 0;
            for (java.util.concurrent.Future<Boolean> start : starts) {
                failures += succeeded(start) ? 0 : 1;
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@link #start} unless this agent may no longer act; false if it failed (logged). */
    private boolean startCounted(MachineId id, String series, Map<MachineId, Optional<AgentIdentity>> identities,
                                 BooleanSupplier mayAct) {
        if (!mayAct.getAsBoolean()) {
            LOG.info("not acting any more (leadership or connection lost): machine {} not started", id);
            return true;
        }
        try {
            start(id, series, identities.getOrDefault(id, Optional.empty()), mayAct);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("starting machine {} failed, will retry: {}", id, e.getMessage());
            return false;
        }
    }

    private static boolean succeeded(java.util.concurrent.Future<Boolean> start) {
        try {
            return start.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    private void apply(ProvisioningAction action, String series, BooleanSupplier mayAct) {
        if (action instanceof ProvisioningAction.Reprovision r) {
            reprovision(r, series, mayAct);
        } else if (action instanceof ProvisioningAction.DiscardRetry d) {
            if (state.machines().retries().discard(d.machine())) {
                LOG.info("machine {} is not in error: its retry-provisioning request is dropped", d.machine());
            }
        } else if (action instanceof ProvisioningAction.RecordInstance r) {
            state.machines().setInstance(r.machine(), r.instance(), clock.millis());
            LOG.info("machine {} runs as {} already; recorded", r.machine(), r.instance().instanceId());
        } else if (action instanceof ProvisioningAction.RefreshInstance r) {
            state.machines().refreshInstance(r.machine(), r.instance());
            LOG.info("machine {} ({}) is {} at {} (public {})", r.machine(), r.instance().instanceId(),
                    r.instance().state(), r.instance().address(), r.instance().publicAddress());
        } else if (action instanceof ProvisioningAction.Terminate t) {
            if (t.instanceId() != null) {
                machines.stopMachine(t.instanceId());
            }
            state.machines().remove(t.machine());
            LOG.info("terminated machine {}", t.machine());
        } else if (action instanceof ProvisioningAction.StopOrphan o) {
            machines.stopMachine(o.instance().instanceId());
            LOG.info("stopped {}: machine {} is gone or runs as another instance", o.instance().instanceId(),
                    o.instance().machine());
        } else if (action instanceof ProvisioningAction.LaunchTimedOut l) {
            state.machines().setStatus(l.machine(), "error", "machine agent did not start within " + l.seconds()
                    + " s; see the machine's log, then retry-provisioning or terminate-machine it");
            LOG.warn("machine {} did not start within {} s", l.machine(), l.seconds());
        } else if (action instanceof ProvisioningAction.SetPorts p) {
            machines.setOpenPorts(p.instanceId(), p.ports());
            LOG.info("machine {} firewall now opens {}", p.machine(), p.ports());
        }
    }

    /**
     * Starts a machine that has no instance and records the instance with the time of its start (the
     * launch timeout counts from there). A provider failure is reported in the machine's status,
     * where it stays until {@code retry-provisioning} or {@code terminate-machine}; the planner
     * does not start a machine in error again by itself. Nothing is recorded if this agent may no
     * longer act when the provider returns (see {@link #reconcile(BooleanSupplier)}).
     */
    private void start(MachineId id, String series, Optional<AgentIdentity> identity, BooleanSupplier mayAct) {
        Instance instance;
        try {
            instance = machines.startMachine(new MachineSpec(id, series, zooKeeper, identity));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || !mayAct.getAsBoolean()) {
                throw e;
            }
            state.machines().setStatus(id, "error", "cannot start the machine: " + e.getMessage()
                    + "; fix the cause, then retry-provisioning or terminate-machine it");
            LOG.error("cannot start machine {}: {}", id, e.getMessage());
            return;
        }
        if (!mayAct.getAsBoolean()) {
            LOG.warn("started machine {} as {} but lost the leadership meanwhile: left for the acting agent to record"
                    + " or stop", id, instance.instanceId());
            return;
        }
        state.machines().setInstance(id, instance, clock.millis());
        LOG.info("started machine {} as {}", id, instance.instanceId());
    }

    /**
     * Stops what the provider has for the machine first: a crash after that only repeats the
     * (idempotent) stops. Then the tree forgets the instance and the error and consumes the request
     * in one transaction, which leaves the machine to be started like a new one: by this round, or
     * by the next leader's through {@code StartInstance} or {@code RecordInstance}.
     */
    private void reprovision(ProvisioningAction.Reprovision action, String series, BooleanSupplier mayAct) {
        action.instanceIds().forEach(machines::stopMachine);
        if (!state.machines().retries().reset(action.machine())) {
            return;
        }
        LOG.info("machine {}: stopped {} and cleared its error, as retry-provisioning asked", action.machine(),
                action.instanceIds().isEmpty() ? "nothing" : String.join(", ", action.instanceIds()));
        start(action.machine(), series, state.machines().identity(action.machine()), mayAct);
    }

    /** Per machine, the ports its units of exposed services opened. */
    private Map<MachineId, Set<Port>> wantedPorts(List<MachineInfo> infos) {
        Map<UnitName, MachineId> placement = new HashMap<>();
        infos.forEach(info -> info.units().forEach(unit -> placement.put(unit, info.id())));
        Map<MachineId, Set<Port>> wanted = new HashMap<>();
        for (org.juju.state.model.RelationId relation : state.relations().ids()) {
            if (state.relations().removeIfFinished(relation)) {
                LOG.info("removed relation {}: its last member left", relation);
            }
        }
        for (ServiceName service : state.services().names()) {
            if (!isExposed(service)) {
                continue;
            }
            for (UnitName unit : state.units().unitsOf(service)) {
                Optional.ofNullable(placement.get(unit)).ifPresent(machine -> state.units().openPorts(unit)
                        .forEach(port -> wanted.computeIfAbsent(machine, k -> new HashSet<>()).add(Port.parse(port))));
            }
        }
        return wanted;
    }

    private boolean isExposed(ServiceName service) {
        try {
            return state.services().isExposed(service);
        } catch (org.juju.state.error.NotFoundException e) {
            return false;
        }
    }
}
