package org.juju.agents.hook;

import java.util.List;
import java.util.Objects;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/**
 * Which hook runs and, for a relation hook, for which relation and remote unit.
 *
 * @param hookName     the file name under {@code hooks/}, e.g. {@code install} or {@code db-relation-changed}
 * @param relation     the relation of a relation hook, {@code null} for a unit hook
 * @param relationName the relation's name on this unit's side ({@code db}), set exactly when {@code relation} is
 * @param remoteUnit   the unit that joined, changed or departed; {@code null} in unit hooks and {@code -broken}
 * @param broken       true for {@code -relation-broken}: the relation is going away and its settings are read-only
 */
public record HookSpec(String hookName, RelationId relation, String relationName, UnitName remoteUnit, boolean broken) {
    public HookSpec {
        if (hookName == null || hookName.isEmpty() || hookName.contains("/") || hookName.startsWith(".")) {
            throw new InvalidInputException("invalid hook name '" + hookName + "'");
        }
        if ((relation == null) != (relationName == null || relationName.isEmpty())) {
            throw new InvalidInputException("hook " + hookName + ": a relation id and a relation name go together");
        }
        if (relation == null && (remoteUnit != null || broken)) {
            throw new InvalidInputException("hook " + hookName + ": a remote unit or broken needs a relation");
        }
        if (broken && remoteUnit != null) {
            throw new InvalidInputException("hook " + hookName + ": a -relation-broken hook has no remote unit");
        }
    }

    /** A unit hook such as {@code install}, {@code config-changed}, {@code start}, {@code stop}. */
    public static HookSpec unit(String hookName) {
        return new HookSpec(hookName, null, null, null, false);
    }

    /** {@code <relationName>-relation-<kind>} for {@code joined}, {@code changed} or {@code departed}. */
    public static HookSpec relation(String kind, RelationId relation, String relationName, UnitName remoteUnit) {
        Objects.requireNonNull(remoteUnit, "remoteUnit");
        if (!List.of("joined", "changed", "departed").contains(kind)) {
            throw new InvalidInputException("invalid relation hook kind '" + kind + "': expected joined, changed or departed");
        }
        return new HookSpec(relationName + "-relation-" + kind, relation, relationName, remoteUnit, false);
    }

    /** {@code <relationName>-relation-broken}. */
    public static HookSpec broken(RelationId relation, String relationName) {
        return new HookSpec(relationName + "-relation-broken", relation, relationName, null, true);
    }

    /** The relation id as hooks see it ({@code db:0}), or {@code null} for a unit hook. */
    public String hookRelationId() {
        return relation == null ? null : relation.hookId(relationName);
    }
}
