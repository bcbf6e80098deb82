package org.juju.agents.uniter;

import java.util.Map;
import java.util.TreeMap;
import org.juju.state.model.RelationId;

/** The pure transitions behind {@link LocalState}'s methods; see there for the contracts. */
final class Transitions {
    private Transitions() {
    }

    static LocalState observe(LocalState state, RemoteState remote) {
        if (state.operation().isPending()) {
            return state;
        }
        Draft draft = new Draft(state);
        remote.resolved().filter(r -> !state.operation().isFailed() && r.version() > state.resolvedVersion())
                .ifPresent(r -> draft.resolvedVersion = r.version());
        if (state.started() && !state.stopped() && remote.alive()) {
            remote.relations().forEach((id, relation) -> {
                if (relation.alive()) {
                    draft.relations.putIfAbsent(id, RelationLocal.empty(relation.name()));
                }
            });
        }
        draft.relations.replaceAll((id, relation) -> {
            ResolvedRequest request = remote.relationResolved().get(id);
            boolean stale = request != null && !relation.inError() && request.version() > relation.resolvedVersion();
            return stale ? relation.consumed(request.version()) : relation;
        });
        LocalState observed = draft.build();
        return observed.equals(state) ? state : observed;
    }

    static LocalState started(LocalState state, Hook hook) {
        Operation operation = state.operation();
        if (operation.isPending()) {
            throw new IllegalStateException(hook + ": " + operation.hook() + " is still in flight");
        }
        if (operation.isFailed() && hook.kind() != HookKind.UPGRADE_CHARM) {
            throw new IllegalStateException(hook + ": the unit is in error on " + operation.hook());
        }
        validate(state, hook);
        Draft draft = new Draft(state);
        draft.operation = Operation.pending(hook);
        return draft.build();
    }

    static LocalState succeeded(LocalState state, Hook hook) {
        requirePending(state, hook);
        validate(state, hook);
        Draft draft = new Draft(state);
        draft.operation = Operation.NONE;
        effect(state, draft, hook);
        return draft.build();
    }

    static LocalState failed(LocalState state, Hook hook) {
        requirePending(state, hook);
        Draft draft = new Draft(state);
        if (hook.kind().isRelation()) {
            draft.operation = Operation.NONE;
            draft.relations.put(hook.relation(), relationOrEmpty(state, hook).failing(hook));
        } else {
            draft.operation = Operation.failed(hook);
        }
        return draft.build();
    }

    static LocalState apply(LocalState state, Resolution resolution) {
        if (resolution.action() == Resolution.Action.NONE) {
            return state;
        }
        Hook hook = resolution.hook();
        LocalState cleared = cleared(state, hook, resolution.version());
        if (resolution.action() == Resolution.Action.RETRY) {
            return cleared;
        }
        validate(cleared, hook);
        Draft skipped = new Draft(cleared);
        effect(cleared, skipped, hook);
        return skipped.build();
    }

    static LocalState retried(LocalState state, Hook hook) {
        // No request is consumed: the versions consumed so far are kept.
        int version = hook.kind().isRelation() ? failedRelation(state, hook).resolvedVersion() : state.resolvedVersion();
        return cleared(state, hook, version);
    }

    /** {@code state} with the error of {@code hook} cleared and request {@code version} recorded as consumed. */
    private static LocalState cleared(LocalState state, Hook hook, int version) {
        Draft draft = new Draft(state);
        if (hook.kind().isRelation()) {
            draft.relations.put(hook.relation(), failedRelation(state, hook).consumed(version));
        } else {
            if (!state.operation().isFailed() || !hook.equals(state.operation().hook())) {
                throw new IllegalStateException(hook + ": not the failed unit hook (" + state.operation() + ")");
            }
            draft.operation = Operation.NONE;
            draft.resolvedVersion = version;
        }
        return draft.build();
    }

    private static RelationLocal failedRelation(LocalState state, Hook hook) {
        RelationLocal relation = state.relations().get(hook.relation());
        if (relation == null || !hook.equals(relation.failedHook())) {
            throw new IllegalStateException(hook + ": not the failed hook of its relation");
        }
        return relation;
    }

    /** The rules every hook must satisfy to run (and to be recorded) in {@code state}. */
    private static void validate(LocalState state, Hook hook) {
        boolean ok = switch (hook.kind()) {
            case INSTALL -> !state.installed();
            case CONFIG_CHANGED, UPGRADE_CHARM -> state.installed() && !state.stopped();
            case START -> state.installed() && !state.started() && !state.stopped();
            case STOP -> state.installed() && !state.stopped() && state.relations().isEmpty();
            default -> state.started() && !state.stopped();
        };
        if (!ok) {
            throw new IllegalStateException(hook + ": not allowed now (installed " + state.installed() + ", started "
                    + state.started() + ", stopped " + state.stopped() + ", relations " + state.relations().keySet() + ")");
        }
        if (hook.kind().isRelation()) {
            RelationLocal relation = state.relations().get(hook.relation());
            if (relation == null && hook.kind() != HookKind.RELATION_JOINED) {
                throw new IllegalStateException(hook + ": unknown relation");
            }
            if (relation != null && relation.inError()) {
                throw new IllegalStateException(hook + ": the relation is in error on " + relation.failedHook());
            }
            relationOrEmpty(state, hook).validate(hook);
        }
    }

    private static void effect(LocalState state, Draft draft, Hook hook) {
        switch (hook.kind()) {
            case INSTALL -> draft.charmUrl = hook.charmUrl();
            case CONFIG_CHANGED -> draft.configVersion = hook.version();
            case START -> draft.started = true;
            case UPGRADE_CHARM -> {
                draft.charmUrl = hook.charmUrl();
                draft.configVersion = -1;
            }
            case STOP -> draft.stopped = true;
            default -> relationOrEmpty(state, hook).applied(hook).ifPresentOrElse(
                    relation -> draft.relations.put(hook.relation(), relation),
                    () -> draft.relations.remove(hook.relation()));
        }
    }

    private static RelationLocal relationOrEmpty(LocalState state, Hook hook) {
        return state.relations().getOrDefault(hook.relation(), RelationLocal.empty(hook.relationName()));
    }

    private static void requirePending(LocalState state, Hook hook) {
        Operation operation = state.operation();
        if (!operation.isPending() || !operation.hook().equals(hook)) {
            throw new IllegalStateException(hook + ": not the pending hook (" + operation + ")");
        }
    }

    /** A mutable copy of a state, for building the next one. */
    private static final class Draft {
        private boolean started;
        private boolean stopped;
        private String charmUrl;
        private int configVersion;
        private Operation operation;
        private int resolvedVersion;
        private final Map<RelationId, RelationLocal> relations;

        Draft(LocalState state) {
            started = state.started();
            stopped = state.stopped();
            charmUrl = state.charmUrl();
            configVersion = state.configVersion();
            operation = state.operation();
            resolvedVersion = state.resolvedVersion();
            relations = new TreeMap<>(state.relations());
        }

        LocalState build() {
            return new LocalState(charmUrl != null, started, stopped, charmUrl, configVersion, operation,
                    resolvedVersion, relations);
        }
    }
}
