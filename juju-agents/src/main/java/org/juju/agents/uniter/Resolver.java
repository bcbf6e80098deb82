package org.juju.agents.uniter;

import java.util.Map;
import java.util.Optional;
import org.juju.state.model.RelationId;

/**
 * Chooses the unit's next hook by comparing what it has done ({@link LocalState}) with what the
 * tree wants ({@link RemoteState}). Pure and deterministic: the same inputs give the same answer,
 * relations are taken in id order and units in name order. Level-triggered: intent is compared as
 * values and versions, so any number of changes between two calls give at most one hook per
 * difference (several config writes, one config-changed; several settings writes, one changed with
 * the latest version; a unit that joins and leaves before delivery, nothing).
 *
 * <p>Ordering guarantees, in the order the rules are tried:
 * <ol>
 *   <li>A hook left {@link Operation.Step#PENDING} means the agent died while it ran; callers turn
 *       it into a failure with {@link LocalState#recoverAfterCrash()} first ({@link #next} and
 *       {@link #resolve} refuse a pending state).</li>
 *   <li>While a unit hook is in error no hook runs, relation hooks included, until
 *       {@link #resolve} yields a resolution; the one exception is an upgrade to a different
 *       charm requested with force, which runs upgrade-charm and, if it succeeds, clears the error
 *       (the step that had failed is then chosen again if its effect is still missing, now with
 *       the new charm).</li>
 *   <li>A dying unit runs, relation by relation in id order: the post-join changed still owed to a
 *       unit, then departed for every joined member in name order, then broken; then stop once no
 *       relation remains (a relation in error blocks it until resolved). A unit installed but never
 *       started goes straight to stop; a unit never installed (its install failed) needs nothing:
 *       {@link #finished} tells the caller when the unit may be removed.</li>
 *   <li>First boot: install, then config-changed, then start. No relation hook before start.</li>
 *   <li>After install, a different charm gives upgrade-charm, always followed by config-changed
 *       (before start, by the first config-changed).</li>
 *   <li>After start, a config version different from the one last delivered gives one
 *       config-changed carrying the current version.</li>
 *   <li>Relation hooks, the first relation in id order that has one. Within a relation (Go Juju's
 *       order): the pending post-join changed (so joined is immediately followed by changed in
 *       that relation); departed for joined members no longer present, or all of them when the
 *       relation is dying or removed; broken once when the relation is dying or removed and no
 *       member remains, even if no unit ever joined; joined for present members not joined; changed
 *       for members whose settings version differs from the one delivered. A relation in error
 *       runs nothing until resolved; the other relations and unit hooks go on meanwhile.</li>
 * </ol>
 * Relations are known from the moment {@link LocalState#observe} sees them alive on a started
 * unit; {@link #next} observes by itself, so it never depends on the caller having saved that.
 */
public final class Resolver {
    private Resolver() {
    }

    /**
     * The hook to run next, or empty when there is nothing to do until the remote state changes or
     * a resolution is applied.
     *
     * @throws IllegalStateException if a hook is pending
     */
    public static Optional<Hook> next(LocalState local, RemoteState remote) {
        requireNoPending(local);
        LocalState state = local.observe(remote);
        if (!remote.alive()) {
            return dying(state, remote);
        }
        if (state.operation().isFailed()) {
            boolean forced = state.installed() && remote.forceUpgrade() && !remote.charmUrl().equals(state.charmUrl());
            return forced ? Optional.of(Hook.upgradeCharm(remote.charmUrl())) : Optional.empty();
        }
        if (state.stopped()) {
            return Optional.empty();
        }
        if (!state.installed()) {
            return Optional.of(Hook.install(remote.charmUrl()));
        }
        if (!remote.charmUrl().equals(state.charmUrl())) {
            return Optional.of(Hook.upgradeCharm(remote.charmUrl()));
        }
        if (state.configVersion() == -1) {
            return Optional.of(Hook.configChanged(remote.configVersion()));
        }
        if (!state.started()) {
            return Optional.of(Hook.start());
        }
        if (state.configVersion() != remote.configVersion()) {
            return Optional.of(Hook.configChanged(remote.configVersion()));
        }
        return relationHook(state, remote, true);
    }

    /**
     * The resolution a {@code juju resolved} request asks for: the unit's failed hook first, then
     * relations in error in id order. A request applies when its version is greater than the last
     * one consumed for the unit (or that relation).
     *
     * @throws IllegalStateException if a hook is pending
     */
    public static Resolution resolve(LocalState local, RemoteState remote) {
        requireNoPending(local);
        if (local.operation().isFailed()) {
            Optional<ResolvedRequest> request = remote.resolved().filter(r -> r.version() > local.resolvedVersion());
            if (request.isPresent()) {
                return resolution(request.get(), local.operation().hook());
            }
        }
        for (Map.Entry<RelationId, RelationLocal> entry : local.relations().entrySet()) {
            RelationLocal relation = entry.getValue();
            ResolvedRequest request = remote.relationResolved().get(entry.getKey());
            if (relation.inError() && request != null && request.version() > relation.resolvedVersion()) {
                return resolution(request, relation.failedHook());
            }
        }
        return Resolution.NONE;
    }

    /**
     * True when the unit is dying and its agent has nothing left to do: it stopped, or it was never
     * installed. The caller may then remove the unit.
     */
    public static boolean finished(LocalState local, RemoteState remote) {
        return !remote.alive() && !local.operation().isPending() && (local.stopped() || !local.installed());
    }

    private static Optional<Hook> dying(LocalState state, RemoteState remote) {
        if (state.operation().isFailed() || state.stopped() || !state.installed()) {
            return Optional.empty();
        }
        Optional<Hook> hook = relationHook(state, remote, false);
        if (hook.isPresent() || !state.relations().isEmpty()) {
            return hook;
        }
        return Optional.of(Hook.stop());
    }

    private static Optional<Hook> relationHook(LocalState state, RemoteState remote, boolean unitAlive) {
        for (Map.Entry<RelationId, RelationLocal> entry : state.relations().entrySet()) {
            RelationId id = entry.getKey();
            Optional<Hook> hook = RelationResolver.next(id, entry.getValue(), remote.relations().get(id), unitAlive);
            if (hook.isPresent()) {
                return hook;
            }
        }
        return Optional.empty();
    }

    private static Resolution resolution(ResolvedRequest request, Hook failed) {
        return request.retry() ? Resolution.retry(failed, request.version())
                : Resolution.skip(failed, request.version());
    }

    private static void requireNoPending(LocalState local) {
        if (local.operation().isPending()) {
            throw new IllegalStateException(local.operation().hook()
                    + " is pending: call recoverAfterCrash() after loading, succeeded() or failed() after running");
        }
    }
}
