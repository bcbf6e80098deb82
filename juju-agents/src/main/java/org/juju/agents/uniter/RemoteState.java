package org.juju.agents.uniter;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.juju.state.model.Life;
import org.juju.state.model.RelationId;

/**
 * What the tree wants of one unit, built from one consistent snapshot by the watcher side. Every
 * piece of intent is a level (a value or a version counter), never an event, so a snapshot can be
 * taken at any time and the agent converges on the latest one.
 *
 * @param life             the unit's life; {@link Life#DYING} asks the agent to run down and stop
 * @param charmUrl         the service's charm
 * @param forceUpgrade     the upgrade request asks to upgrade even a unit in an error state
 * @param configVersion    the version of the service config node (at least 0)
 * @param resolved         the unit's pending {@code juju resolved} request, if any
 * @param relations        the unit's relations; a relation removed from the tree is absent
 * @param relationResolved pending {@code juju resolved UNIT RELATION} requests by relation
 */
public record RemoteState(Life life, String charmUrl, boolean forceUpgrade, int configVersion,
                          Optional<ResolvedRequest> resolved, Map<RelationId, RemoteRelation> relations,
                          Map<RelationId, ResolvedRequest> relationResolved) {

    public RemoteState {
        Objects.requireNonNull(life, "life");
        if (charmUrl == null || charmUrl.isBlank()) {
            throw new IllegalArgumentException("a unit needs a charm URL");
        }
        if (configVersion < 0) {
            throw new IllegalArgumentException("invalid config version " + configVersion);
        }
        Objects.requireNonNull(resolved, "resolved");
        relations = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(relations, "relations")));
        relationResolved = Collections.unmodifiableSortedMap(
                new TreeMap<>(Objects.requireNonNull(relationResolved, "relationResolved")));
    }

    /** A live unit of {@code charmUrl} with no relations and no requests. */
    public static RemoteState of(String charmUrl, int configVersion) {
        return new RemoteState(Life.ALIVE, charmUrl, false, configVersion, Optional.empty(), Map.of(), Map.of());
    }

    /** True when the unit is alive. */
    public boolean alive() {
        return life == Life.ALIVE;
    }
}
