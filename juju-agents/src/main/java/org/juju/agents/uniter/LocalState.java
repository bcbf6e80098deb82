package org.juju.agents.uniter;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitAgentState;
import org.juju.state.model.UnitName;

/**
 * What this unit's agent has done, persisted by {@link StateFile} after every change. Immutable:
 * every transition returns a new state, and none performs I/O.
 *
 * <p>The agent's loop, in order, saving the state after every step that returns a different one:
 * <ol>
 *   <li>on start: {@link #recoverAfterCrash()};</li>
 *   <li>for each remote snapshot: {@link #observe}; then {@link Resolver#resolve} and, if it is not
 *       {@link Resolution#NONE}, {@link #apply(Resolution)} and start over;</li>
 *   <li>{@link Resolver#next}; if a hook is chosen: {@link #started}, run it (showing
 *       {@link #relationMembers} to {@code relation-list}), then {@link #succeeded} or
 *       {@link #failed}.</li>
 * </ol>
 *
 * @param installed       the install hook succeeded (or was skipped)
 * @param started         the start hook succeeded (or was skipped)
 * @param stopped         the stop hook succeeded (or was skipped): the unit may be removed
 * @param charmUrl        the charm deployed; null until installed
 * @param configVersion   the service config version the charm last saw in config-changed; -1 when
 *                        it has not seen the config of the deployed charm yet (never, or since an
 *                        upgrade)
 * @param operation       the in-flight hook, or the unit hook that failed
 * @param resolvedVersion the version of the last unit {@code juju resolved} request consumed, -1 for
 *                        none
 * @param relations       the relations this unit knows, by id; sorted
 */
public record LocalState(boolean installed, boolean started, boolean stopped, String charmUrl, int configVersion,
                         Operation operation, int resolvedVersion, Map<RelationId, RelationLocal> relations) {

    public LocalState {
        Objects.requireNonNull(operation, "operation");
        relations = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(relations, "relations")));
        if (installed != (charmUrl != null)) {
            throw new IllegalArgumentException("a charm URL is recorded exactly when installed");
        }
        if ((started || stopped) && !installed) {
            throw new IllegalArgumentException("started or stopped but not installed");
        }
        if (!relations.isEmpty() && (!started || stopped)) {
            throw new IllegalArgumentException("relations are only known between start and stop");
        }
        if (configVersion < -1 || resolvedVersion < -1) {
            throw new IllegalArgumentException("invalid version: config " + configVersion + ", resolved "
                    + resolvedVersion);
        }
    }

    /** A unit that has done nothing yet. */
    public static LocalState fresh() {
        return new LocalState(false, false, false, null, -1, Operation.NONE, -1, Map.of());
    }

    /**
     * The state to continue from after loading: a hook found {@link Operation.Step#PENDING} was
     * interrupted by the agent's death, so it is treated as failed (a unit hook puts the unit in
     * error, a relation hook its relation) and waits for {@code juju resolved}. Otherwise unchanged.
     */
    public LocalState recoverAfterCrash() {
        return operation.isPending() ? failed(operation.hook()) : this;
    }

    /**
     * Takes note of {@code remote}: relations alive in it and unknown here are added, empty, while
     * the unit is started, alive and not stopped (from then on they get broken exactly once, even
     * if no member ever joined); resolved requests that find nothing in error are consumed so a
     * stale request never resolves a later failure. {@link Resolver} applies this itself, so its
     * choices never depend on the caller having saved it.
     *
     * @return this state when nothing changed
     */
    public LocalState observe(RemoteState remote) {
        return Transitions.observe(this, remote);
    }

    /** Records {@code hook} as pending before it runs (validated as for {@link #succeeded}). */
    public LocalState started(Hook hook) {
        return Transitions.started(this, hook);
    }

    /**
     * Records the effect of the pending {@code hook}, which succeeded.
     *
     * @throws IllegalStateException if {@code hook} is not the pending hook or is not legal now
     *                               (joined twice, changed or departed before joined, broken while
     *                               members remain, stop while relations remain, ...)
     */
    public LocalState succeeded(Hook hook) {
        return Transitions.succeeded(this, hook);
    }

    /** Records that the pending {@code hook} failed: the unit, or for a relation hook its relation, is in error. */
    public LocalState failed(Hook hook) {
        return Transitions.failed(this, hook);
    }

    /**
     * The automatic retry of {@code hook}, the failed hook of the unit or of its relation: the
     * error is cleared, as by {@code juju resolved --retry}, so the resolver chooses the step again,
     * but no request is consumed ({@link RetrySchedule} decides when).
     *
     * @throws IllegalStateException if {@code hook} is not in error
     */
    public LocalState retry(Hook hook) {
        return Transitions.retried(this, hook);
    }

    /** Applies a resolution from {@link Resolver#resolve}. */
    public LocalState apply(Resolution resolution) {
        return Transitions.apply(this, resolution);
    }

    /** {@code juju resolved} (no retry) of the failed unit hook: its effect is recorded as if it had succeeded. */
    public LocalState skipFailed(int version) {
        return apply(Resolution.skip(requireFailed().hook(), version));
    }

    /** {@code juju resolved --retry} of the failed unit hook: the error is cleared, so it is chosen again. */
    public LocalState retryFailed(int version) {
        return apply(Resolution.retry(requireFailed().hook(), version));
    }

    /**
     * The units {@code relation-list} shows for {@code relation} now: the joined members, adjusted
     * for a hook of that relation in flight (a joining unit is included, a departing one excluded,
     * none during broken). Empty for an unknown relation.
     */
    public List<UnitName> relationMembers(RelationId relation) {
        Hook inFlight = operation.isPending() && relation.equals(operation.hook().relation()) ? operation.hook() : null;
        RelationLocal local = relations.get(relation);
        if (local == null) {
            return inFlight == null ? List.of() : RelationLocal.empty(inFlight.relationName()).membersDuring(inFlight);
        }
        return local.membersDuring(inFlight);
    }

    /** The agent state {@code juju status} shows for this unit. */
    public UnitAgentState agentState() {
        if (operation.isFailed()) {
            return switch (operation.hook().kind()) {
                case INSTALL -> UnitAgentState.INSTALL_ERROR;
                case START -> UnitAgentState.START_ERROR;
                case CONFIG_CHANGED -> UnitAgentState.CONFIGURE_ERROR;
                case UPGRADE_CHARM -> UnitAgentState.CHARM_UPGRADE_ERROR;
                default -> UnitAgentState.STOP_ERROR;
            };
        }
        if (stopped) {
            return UnitAgentState.STOPPED;
        }
        return started ? UnitAgentState.STARTED : installed ? UnitAgentState.INSTALLED : UnitAgentState.PENDING;
    }

    private Operation requireFailed() {
        if (!operation.isFailed()) {
            throw new IllegalStateException("no failed unit hook to resolve (operation " + operation.step() + ")");
        }
        return operation;
    }
}
