package org.juju.agents.uniter;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.juju.state.model.Life;
import org.juju.state.model.UnitName;

/**
 * One relation of the unit as the tree shows it.
 *
 * @param name    the relation's name on this unit's side ({@code db})
 * @param life    {@link Life#DYING} once the relation is being removed
 * @param members the counterpart units present in the relation (for a peer relation, the other
 *                peers: never this unit), each with the version of its settings node; sorted
 */
public record RemoteRelation(String name, Life life, Map<UnitName, Integer> members) {
    public RemoteRelation {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a relation needs a name");
        }
        Objects.requireNonNull(life, "life");
        members = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(members, "members")));
        members.forEach((unit, version) -> {
            if (version == null || version < 0) {
                throw new IllegalArgumentException("invalid settings version " + version + " of " + unit);
            }
        });
    }

    /** True when the relation is alive: units may join it and hear changes. */
    public boolean alive() {
        return life == Life.ALIVE;
    }
}
