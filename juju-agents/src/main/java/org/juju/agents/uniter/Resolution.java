package org.juju.agents.uniter;

import java.util.Objects;
import org.juju.state.model.RelationId;

/**
 * What a {@code juju resolved} request does to a hook in error, chosen by {@link Resolver#resolve}
 * and applied by {@link LocalState#apply}.
 *
 * @param action  what to do
 * @param hook    the failed hook it resolves (a unit hook, or a relation hook of the relation in
 *                error); null for {@link Action#NONE}
 * @param version the request's version, recorded as consumed; -1 for {@link Action#NONE}
 */
public record Resolution(Action action, Hook hook, int version) {
    /** Nothing to resolve. */
    public static final Resolution NONE = new Resolution(Action.NONE, null, -1);

    /** The effect of a resolved request. */
    public enum Action {
        /** No request applies. */
        NONE,
        /** Clear the error so the failed step is chosen again ({@code --retry}). */
        RETRY,
        /** Record the failed hook's effect as if it had succeeded and carry on. */
        SKIP
    }

    public Resolution {
        Objects.requireNonNull(action, "action");
        if ((action == Action.NONE) != (hook == null) || (action == Action.NONE) != (version == -1)) {
            throw new IllegalArgumentException("resolution " + action + " with hook " + hook + " version " + version);
        }
        if (version < -1) {
            throw new IllegalArgumentException("invalid version " + version);
        }
    }

    public static Resolution retry(Hook hook, int version) {
        return new Resolution(Action.RETRY, Objects.requireNonNull(hook, "hook"), version);
    }

    public static Resolution skip(Hook hook, int version) {
        return new Resolution(Action.SKIP, Objects.requireNonNull(hook, "hook"), version);
    }

    /** The relation in error this resolves; null for a unit hook or {@link Action#NONE}. */
    public RelationId relation() {
        return hook == null ? null : hook.relation();
    }
}
