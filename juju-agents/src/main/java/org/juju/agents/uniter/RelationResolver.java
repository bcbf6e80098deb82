package org.juju.agents.uniter;

import java.util.Map;
import java.util.Optional;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/** The next hook of one relation, Go Juju's order; see {@link Resolver} for the rules. */
final class RelationResolver {
    private RelationResolver() {
    }

    /**
     * @param id     the relation
     * @param local  what was delivered for it
     * @param remote what the tree shows of it; null when it was removed
     * @param unitAlive false when the unit is dying: the relation is then run down like a removed one
     */
    static Optional<Hook> next(RelationId id, RelationLocal local, RemoteRelation remote, boolean unitAlive) {
        if (local.inError()) {
            return Optional.empty();
        }
        String name = local.name();
        boolean gone = !unitAlive || remote == null || !remote.alive();
        Map<UnitName, Integer> wanted = gone ? Map.of() : remote.members();
        if (!local.changedPending().isEmpty()) {
            UnitName unit = local.changedPending().iterator().next();
            int version = wanted.getOrDefault(unit, local.members().get(unit));
            return Optional.of(Hook.changed(id, name, unit, version));
        }
        for (UnitName unit : local.members().keySet()) {
            if (!wanted.containsKey(unit)) {
                return Optional.of(Hook.departed(id, name, unit));
            }
        }
        if (gone) {
            return Optional.of(Hook.broken(id, name));
        }
        for (Map.Entry<UnitName, Integer> member : wanted.entrySet()) {
            if (!local.members().containsKey(member.getKey())) {
                return Optional.of(Hook.joined(id, name, member.getKey(), member.getValue()));
            }
        }
        for (Map.Entry<UnitName, Integer> member : wanted.entrySet()) {
            if (!member.getValue().equals(local.members().get(member.getKey()))) {
                return Optional.of(Hook.changed(id, name, member.getKey(), member.getValue()));
            }
        }
        return Optional.empty();
    }
}
