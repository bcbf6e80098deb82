package org.juju.agents.uniter;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.juju.state.model.UnitName;

/**
 * What this unit has delivered to its charm for one relation. Only a hook's success changes it
 * ({@link #applied}); a relation whose broken hook succeeded is forgotten.
 *
 * @param name            the relation's name on this unit's side
 * @param members         the remote units the charm has seen join (and not depart), each with the
 *                        settings version last delivered to it; sorted
 * @param changedPending  joined units whose post-join changed hook has not run yet; sorted
 * @param failedHook      the hook that failed, putting this relation (only) in error; null when not
 *                        in error
 * @param resolvedVersion the version of the last {@code juju resolved} request for this relation
 *                        consumed, -1 for none
 */
public record RelationLocal(String name, Map<UnitName, Integer> members, Set<UnitName> changedPending,
                            Hook failedHook, int resolvedVersion) {

    public RelationLocal {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a relation needs a name");
        }
        members = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(members, "members")));
        changedPending = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(changedPending,
                "changedPending")));
        if (!members.keySet().containsAll(changedPending)) {
            throw new IllegalArgumentException("relation " + name + ": changed pending for units that have not"
                    + " joined: " + changedPending);
        }
        if (failedHook != null && !name.equals(failedHook.relationName())) {
            throw new IllegalArgumentException("relation " + name + ": failed hook of another relation: "
                    + failedHook);
        }
        if (resolvedVersion < -1) {
            throw new IllegalArgumentException("invalid resolved version " + resolvedVersion);
        }
    }

    /** A relation this unit knows of but has delivered nothing for. */
    public static RelationLocal empty(String name) {
        return new RelationLocal(name, Map.of(), Set.of(), null, -1);
    }

    /** True when a hook of this relation failed and no resolution has been applied yet. */
    public boolean inError() {
        return failedHook != null;
    }

    /**
     * Checks that {@code hook} may run now, like Go Juju's {@code relation.State.Validate}: a
     * pending post-join changed runs before anything else; joined only for a unit not joined;
     * changed and departed only for a joined unit; broken only when no member remains.
     *
     * @throws IllegalStateException naming the rule broken
     */
    public void validate(Hook hook) {
        UnitName unit = hook.remoteUnit();
        if (!changedPending.isEmpty()
                && (hook.kind() != HookKind.RELATION_CHANGED || !changedPending.contains(unit))) {
            throw new IllegalStateException(hook + ": expected the post-join changed for " + changedPending);
        }
        boolean joined = unit != null && members.containsKey(unit);
        switch (hook.kind()) {
            case RELATION_JOINED -> require(!joined, hook, "unit already joined");
            case RELATION_CHANGED, RELATION_DEPARTED -> require(joined, hook, "unit has not joined");
            case RELATION_BROKEN -> require(members.isEmpty(), hook, "members remain " + members.keySet());
            default -> throw new IllegalStateException(hook + ": not a relation hook");
        }
    }

    /**
     * The state after {@code hook} succeeded (or was skipped by {@code juju resolved}).
     *
     * @return the new state; empty after broken (the relation is forgotten)
     * @throws IllegalStateException if {@link #validate} rejects the hook
     */
    public Optional<RelationLocal> applied(Hook hook) {
        validate(hook);
        TreeMap<UnitName, Integer> newMembers = new TreeMap<>(members);
        TreeSet<UnitName> pending = new TreeSet<>(changedPending);
        switch (hook.kind()) {
            case RELATION_JOINED -> {
                newMembers.put(hook.remoteUnit(), hook.version());
                pending.add(hook.remoteUnit());
            }
            case RELATION_CHANGED -> {
                newMembers.put(hook.remoteUnit(), hook.version());
                pending.remove(hook.remoteUnit());
            }
            case RELATION_DEPARTED -> newMembers.remove(hook.remoteUnit());
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(new RelationLocal(name, newMembers, pending, null, resolvedVersion));
    }

    /** This relation in error on {@code hook}. */
    public RelationLocal failing(Hook hook) {
        return new RelationLocal(name, members, changedPending, hook, resolvedVersion);
    }

    /** This relation with request {@code version} consumed and the error (if any) cleared. */
    public RelationLocal consumed(int version) {
        return new RelationLocal(name, members, changedPending, null, version);
    }

    /**
     * What {@code relation-list} shows while {@code inFlight} runs (null: no hook of this relation):
     * joined includes the joining unit, departed already excludes the departing one, broken shows
     * none.
     */
    public List<UnitName> membersDuring(Hook inFlight) {
        TreeSet<UnitName> units = new TreeSet<>(members.keySet());
        if (inFlight != null) {
            switch (inFlight.kind()) {
                case RELATION_JOINED -> units.add(inFlight.remoteUnit());
                case RELATION_DEPARTED -> units.remove(inFlight.remoteUnit());
                case RELATION_BROKEN -> units.clear();
                default -> { }
            }
        }
        return List.copyOf(units);
    }

    private static void require(boolean condition, Hook hook, String problem) {
        if (!condition) {
            throw new IllegalStateException(hook + ": " + problem);
        }
    }
}
