package org.juju.agents.unit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.juju.agents.hook.DebugSession;
import org.juju.agents.hook.HookChanges;
import org.juju.agents.hook.HookProcessFile;
import org.juju.agents.hook.HookResult;
import org.juju.agents.hook.HookRunner;
import org.juju.agents.hook.HookSpec;
import org.juju.agents.uniter.Hook;
import org.juju.agents.uniter.HookKind;
import org.juju.agents.uniter.LocalState;
import org.juju.agents.uniter.RemoteRelation;
import org.juju.agents.uniter.RemoteState;
import org.juju.agents.uniter.Resolution;
import org.juju.agents.uniter.Resolver;
import org.juju.agents.runtime.ProcessSupervisor;
import org.juju.agents.uniter.StateFile;
import org.juju.agents.uniter.StateFileException;
import org.juju.provider.Port;
import org.juju.agents.machine.CharmInstaller;
import org.juju.state.CharmRecord;
import org.juju.state.DebugHooks;
import org.juju.state.HookWrites;
import org.juju.state.JujuState;
import org.juju.state.StatusEvent;
import org.juju.state.UnitStatusWriter;
import org.juju.state.error.StateUnavailableException;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The unit agent's executor: each {@link #converge()} reads the remote state, applies resolved
 * requests, enters and leaves relations, and runs the hooks {@link Resolver} picks, one at a time,
 * until there is nothing left to do. Before a hook runs its operation is saved as pending; after
 * it, the result is saved; a hook's changes are committed in one transaction only if it exited 0.
 * If ZooKeeper is lost during that commit, the next round commits the same changes again (they
 * are merges, so a commit that did land before the loss is not doubled). An agent killed during
 * a hook finds it pending at start and reports it failed (retry with
 * {@code juju resolved --retry}). A hook that an open {@code juju debug-hooks} request names is
 * handed to the unit's debug session instead of being run (read from the tree with the remote
 * state, so as fresh as the remote state the hook was chosen from).
 *
 * <p>With the environment's {@code hook-retry} on (read from the tree each round), every error
 * gets an automatic retry ({@link HookRetrier}): when it is due, {@link #converge()} clears the
 * error as {@code juju resolved --retry} would and the step runs again. Between rounds the caller
 * waits at most until {@link #nextRetry()}. Every agent-state change, error, retry and resolution
 * is added to the unit's status history in the status write.
 * Not thread-safe: one loop drives it.
 */
public final class UnitRunner {
    private static final Logger LOG = LoggerFactory.getLogger(UnitRunner.class);
    /** How a status message about a state file that stops the agent begins. */
    static final String CANNOT_START = "unit agent cannot start: ";
    private final JujuState state;
    private final UnitName unit;
    private final Path charmDir;
    private final Path unitLog;
    private final Path stateFile;
    private final HookRunner hooks;
    private final String address;
    private final RemoteStateReader reader;
    /** The unit's status and history as this runner last wrote them: its reports read neither. */
    private final UnitStatusWriter status;
    private final DebugSession debugSession;
    private final HookRetrier retrier;
    /** Why the unit's hook in error failed, for the status message; null when unknown (after a restart). */
    private String unitFailure;
    /** The {@code retry-at} last written to the status. */
    private String reportedRetryAt;
    private LocalState local;
    /** What the state file holds: a round that changed nothing does not write it again. */
    private LocalState saved;
    /** The succeeded hook whose commit was cut off by a lost connection, if any. */
    private Uncommitted uncommitted;
    /** Whether what the tree wants of the unit may have changed since it was last read (see {@link #readAgainOnlyWhen}). */
    private java.util.function.BooleanSupplier remoteChanged = () -> true;

    public UnitRunner(JujuState state, UnitName unit, Path unitDir, HookRunner hooks, String address) {
        this(state, unit, unitDir, hooks, address, DebugSession.of(unit, unitDir));
    }

    /**
     * A runner that hands the hooks a {@code juju debug-hooks} request names to {@code debugSession}
     * (by default the unit's session on the tmux server of its directory, where the client attaches).
     */
    public UnitRunner(JujuState state, UnitName unit, Path unitDir, HookRunner hooks, String address,
                      DebugSession debugSession) {
        this(state, unit, unitDir, hooks, address, debugSession, Clock.systemUTC(), new java.util.Random()::nextDouble);
    }

    /**
     * A runner whose retry schedule follows {@code clock}, its jitter drawn from {@code random}
     * (numbers in [0, 1)).
     */
    public UnitRunner(JujuState state, UnitName unit, Path unitDir, HookRunner hooks, String address,
                      DebugSession debugSession, Clock clock, DoubleSupplier random) {
        this.state = state;
        this.retrier = new HookRetrier(unitDir.resolve("retry.yaml"), clock, random);
        this.debugSession = debugSession;
        this.unit = unit;
        this.charmDir = unitDir.resolve("charm");
        this.unitLog = unitDir.resolve("unit.log");
        this.stateFile = unitDir.resolve("state.yaml");
        this.hooks = hooks;
        this.address = address;
        this.reader = new RemoteStateReader(state.store(), unit);
        this.status = state.units().statusWriter(unit);
        LocalState loaded = loadState(status, stateFile);
        this.saved = loaded;
        this.local = loaded.recoverAfterCrash();
        retrier.reconcile(local, state.environment().hookRetry());
        StatusEvent event = null;
        if (loaded.operation().isPending()) {
            HookProcessFile.endLeftover(unitDir);
            Hook interrupted = loaded.operation().hook();
            LOG.warn("hook {} was interrupted by a restart of the agent: it is reported failed", interrupted);
            save();
            event = failure(interrupted, "hook " + interrupted.hookName() + " was interrupted by a restart of the agent");
        }
        reportStatus(Map.of("private-address", address, "public-address", address), event);
    }

    /**
     * Makes {@link #converge()} read the tree again between two hooks only when {@code changed}
     * says something the unit follows changed since the last read (the caller's watches), instead
     * of after every hook. A change it misses is a change the caller's next round sees, as one that
     * comes just after a read would be. By default the tree is read again after every hook.
     */
    public void readAgainOnlyWhen(java.util.function.BooleanSupplier changed) {
        this.remoteChanged = changed;
    }

    /** When the next automatic retry is due, if one waits: the caller runs {@link #converge()} by then. */
    public Optional<java.time.Instant> nextRetry() {
        return retrier.nextDue();
    }

    /**
     * The unit's saved state. A corrupt file is reported in the unit's status ({@code juju status}
     * shows it as the unit's {@code agent-state-info}) before the {@link StateFileException} goes up
     * to end the agent, which exits with {@link ProcessSupervisor#EXIT_NEEDS_REPAIR}; once the file
     * loads again, that report is cleared.
     */
    private static LocalState loadState(UnitStatusWriter status, Path stateFile) {
        try {
            LocalState loaded = StateFile.load(stateFile);
            Object previous = status.status().get("message");
            if (previous instanceof String text && text.startsWith(CANNOT_START)) {
                Map<String, Object> cleared = new HashMap<>();
                cleared.put("message", null);
                status.update(cleared, null);
            }
            return loaded;
        } catch (StateFileException e) {
            status.update(Map.of("message", CANNOT_START + e.getMessage()), null);
            throw e;
        }
    }

    /**
     * Runs hooks until the unit has converged on the tree.
     *
     * @return true once the unit is finished (dying, stopped, out of every relation): the machine
     *         agent may remove it
     */
    public boolean converge() {
        org.juju.state.HookRetryPolicy policy = state.environment().hookRetry();
        if (local.operation().isPending() && uncommitted != null && uncommitted.hook().equals(local.operation().hook())) {
            // The hook succeeded but ZooKeeper was lost before its commit was confirmed: the
            // changes (merges of the hook's own settings, ports and status) are committed again.
            LOG.info("committing hook {} again: the connection was lost during its first commit", uncommitted.hook());
            commit(uncommitted);
        }
        if (local.operation().isPending()) {
            // The last round stopped half-way (its commit failed): as after a crash, the hook is
            // reported failed and can be retried.
            Hook incomplete = local.operation().hook();
            LOG.warn("hook {} did not complete: it is reported failed", incomplete);
            local = local.recoverAfterCrash();
            save();
            retrier.reconcile(local, policy);
            reportStatus(failure(incomplete, "hook " + incomplete.hookName() + " did not complete"));
        }
        retrier.reconcile(local, policy);
        if (!java.util.Objects.equals(reportedRetryAt, retrier.nextDueText().orElse(null))) {
            // The option changed: the status must not show a retry that will not come.
            reportStatus(null);
        }
        RemoteState remote = null;
        Optional<DebugHooks> debugHooks = Optional.empty();
        while (true) {
            if (remote == null || remoteChanged.getAsBoolean()) {
                Optional<RemoteStateReader.Reading> read = reader.read();
                if (read.isEmpty()) {
                    return true;
                }
                remote = read.get().remote();
                debugHooks = read.get().debugHooks();
            }
            local = local.observe(remote);
            applyResolution(remote);
            retryDue();
            enterOrLeaveRelations(remote);
            Optional<Hook> next = Resolver.next(local, remote);
            if (next.isEmpty()) {
                if (Resolver.finished(local, remote)) {
                    leaveAll(remote);
                    status.update(Map.of("agent-state", "stopped"), StatusEvent.transition(retrier.now(), null));
                    return true;
                }
                if (!local.equals(saved)) {
                    save();
                }
                return false;
            }
            run(next.get(), debugHooks);
        }
    }

    /** Runs {@code hook}, in a debugging session if {@code debugHooks} (as last read) asks for it. */
    private void run(Hook hook, Optional<DebugHooks> debugHooks) {
        local = local.started(hook);
        save();
        if (hook.kind() == HookKind.UPGRADE_CHARM) {
            try {
                installCharm(hook.charmUrl());
            } catch (org.juju.state.error.JujuException e) {
                LOG.warn("cannot install the new charm for {}: {}", hook, e.getMessage());
                local = local.failed(hook);
                save();
                reportStatus(failure(hook, "cannot install the new charm: " + e.getMessage()));
                return;
            }
        }
        HookResult result;
        try (MDC.MDCCloseable ignored = MDC.putCloseable("hook", hook.hookName())) {
            TreeContextData data = new TreeContextData(state, unit, address, local::relationMembers);
            if (debugHooks.filter(request -> request.matches(hook.hookName())).isPresent()) {
                LOG.info("handing hook {} to debug-hooks session {}", hook, debugSession.name());
                result = hooks.debug(charmDir, spec(hook), data, unitLog, debugSession);
            } else {
                LOG.info("running hook {}", hook);
                result = hooks.run(charmDir, spec(hook), data, unitLog);
            }
        }
        if (result.succeeded()) {
            LOG.info("hook {} succeeded in {} ms", hook, result.duration().toMillis());
            commit(new Uncommitted(hook, writes(result.changes())));
        } else {
            local = local.failed(hook);
            String why = result.failure().orElse("hook " + hook.hookName() + " exited with code " + result.exitCode());
            LOG.warn("hook {} failed: {}", hook, why);
            save();
            reportStatus(failure(hook, why));
        }
    }

    /**
     * Commits a succeeded hook's changes and records it done. While ZooKeeper cannot be reached
     * ({@link StateUnavailableException}) the changes are kept, and the next {@link #converge()}
     * commits them again before anything else; any other failure leaves the hook pending, and it
     * is reported failed as after a crash.
     */
    private void commit(Uncommitted done) {
        uncommitted = null;
        try {
            if (done.writes().workloadStatus() != null) {
                status.forget(); // the commit writes the status node too, whether or not it is confirmed
            }
            state.units().commitHook(unit, done.writes());
            if (done.hook().kind() == HookKind.RELATION_BROKEN) {
                state.relations().leave(done.hook().relation(), unit);
            }
        } catch (StateUnavailableException e) {
            uncommitted = done;
            throw e;
        }
        local = local.succeeded(done.hook());
        save();
        retrier.succeeded(done.hook());
        reportStatus(StatusEvent.transition(retrier.now(), done.hook().hookName()));
    }

    /** A hook that succeeded and the changes it made, until they are committed. */
    private record Uncommitted(Hook hook, HookWrites writes) {
    }

    /** Writes the local state to the state file (durably, see {@link StateFile#save}). */
    private void save() {
        StateFile.save(stateFile, local);
        saved = local;
    }

    /**
     * Records that {@code hook} failed, {@code why} saying how (local state saved already): its
     * error gets its retry, and the event for the history says both.
     */
    private StatusEvent failure(Hook hook, String why) {
        retrier.reconcile(local);
        if (!hook.kind().isRelation()) {
            unitFailure = why;
        }
        String message = (hook.kind().isRelation() ? "relation " + hook.relation() + " in error: " + why : why)
                + retrier.describe(hook).map(retry -> "; " + retry).orElse("");
        return StatusEvent.note(retrier.now(), hook.hookName(), message);
    }

    /** Clears each error whose automatic retry is due, so its step is chosen again. */
    private void retryDue() {
        for (Hook failed : retrier.due(local)) {
            local = local.retry(failed);
            save();
            int attempt = retrier.fire(failed).attempt();
            LOG.info("retrying hook {} (retry {})", failed, attempt);
            reportStatus(StatusEvent.note(retrier.now(), failed.hookName(), "retry " + attempt));
        }
    }

    /** Swaps the new charm in before upgrade-charm runs (hooks run one at a time, so none runs meanwhile). */
    private void installCharm(String url) {
        org.juju.state.charm.CharmUrl charmUrl = org.juju.state.charm.CharmUrl.parse(url, null);
        CharmRecord record = state.charms().get(charmUrl).orElseThrow(() ->
                new org.juju.state.error.CharmException("charm " + url + " is not recorded in the environment"));
        new CharmInstaller().install(record, charmDir.getParent());
        LOG.info("installed charm {} for upgrade-charm", url);
    }

    private void applyResolution(RemoteState remote) {
        Resolution resolution = Resolver.resolve(local, remote);
        if (resolution.action() == Resolution.Action.NONE) {
            return;
        }
        local = local.apply(resolution);
        save();
        retrier.forget(resolution.hook());
        state.units().consumeResolved(unit, Optional.ofNullable(resolution.relation()));
        LOG.info("resolved: {} {}", resolution.action(), resolution.hook());
        reportStatus(StatusEvent.note(retrier.now(), resolution.hook().hookName(),
                resolution.action() == Resolution.Action.RETRY ? "resolved --retry" : "resolved"));
    }

    /**
     * Joins live relations once started (the counterparts then see this unit join), and leaves
     * every relation as soon as the unit is dying, so counterparts see it depart at once.
     */
    private void enterOrLeaveRelations(RemoteState remote) {
        if (!remote.alive()) {
            leaveAll(remote);
            return;
        }
        if (!local.started()) {
            return;
        }
        for (Map.Entry<RelationId, RemoteRelation> relation : remote.relations().entrySet()) {
            boolean member = state.store().exists(StatePaths.relationMember(relation.getKey(), unit));
            if (!relation.getValue().alive() && member && !local.relations().containsKey(relation.getKey())) {
                // Broken here already (or never known): leave, in case leaving after -broken failed.
                state.relations().leave(relation.getKey(), unit);
                continue;
            }
            if (relation.getValue().alive() && !member) {
                try {
                    state.relations().join(relation.getKey(), unit, Map.of("private-address", address));
                    LOG.info("joined relation {} ({})", relation.getKey(), relation.getValue().name());
                } catch (org.juju.state.error.ConflictException e) {
                    LOG.debug("not joining relation {}: {}", relation.getKey(), e.getMessage());
                }
            }
        }
    }

    private void leaveAll(RemoteState remote) {
        Set<RelationId> ids = new HashSet<>(remote.relations().keySet());
        ids.addAll(local.relations().keySet());
        ids.forEach(id -> state.relations().leave(id, unit));
    }

    private void reportStatus(StatusEvent event) {
        reportStatus(Map.of(), event);
    }

    /**
     * Writes the agent state, the unit's error message, relation errors and the next retry, plus
     * {@code extra}, in one update of the status node (with its history entry, if any).
     */
    private void reportStatus(Map<String, Object> extra, StatusEvent event) {
        Map<String, Object> report = new HashMap<>(extra);
        report.put("agent-state", local.agentState().text());
        if (!local.operation().isFailed()) {
            unitFailure = null;
            report.put("message", null);
        } else if (unitFailure != null) {
            report.put("message", unitFailure);
        }
        List<Integer> errors = local.relations().entrySet().stream().filter(e -> e.getValue().inError())
                .map(e -> e.getKey().value()).sorted().toList();
        report.put("relation-errors", errors.isEmpty() ? null : errors);
        String retryAt = retrier.nextDueText().orElse(null);
        report.put("retry-at", retryAt);
        status.update(report, event);
        reportedRetryAt = retryAt;
    }

    private static HookSpec spec(Hook hook) {
        return switch (hook.kind()) {
            case RELATION_JOINED -> HookSpec.relation("joined", hook.relation(), hook.relationName(), hook.remoteUnit());
            case RELATION_CHANGED -> HookSpec.relation("changed", hook.relation(), hook.relationName(), hook.remoteUnit());
            case RELATION_DEPARTED -> HookSpec.relation("departed", hook.relation(), hook.relationName(), hook.remoteUnit());
            case RELATION_BROKEN -> HookSpec.broken(hook.relation(), hook.relationName());
            default -> HookSpec.unit(hook.hookName());
        };
    }

    private static HookWrites writes(HookChanges changes) {
        return new HookWrites(changes.settings(), strings(changes.opened()), strings(changes.closed()),
                changes.status().map(s -> s.state().name().toLowerCase(java.util.Locale.ROOT)).orElse(null),
                changes.status().map(s -> s.message()).orElse(null));
    }

    private static Set<String> strings(Set<Port> ports) {
        Set<String> result = new HashSet<>();
        ports.forEach(port -> result.add(port.toString()));
        return result;
    }
}
