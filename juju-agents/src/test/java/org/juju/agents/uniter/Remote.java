package org.juju.agents.uniter;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.juju.state.model.Life;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/** A mutable picture of the tree for one unit, from which tests take {@link RemoteState} snapshots. */
final class Remote {
    static final String CHARM = "local:precise/wordpress-1";

    private Life life = Life.ALIVE;
    private String charm = CHARM;
    private boolean force;
    private int config;
    private ResolvedRequest resolved;
    private final Map<RelationId, String> names = new TreeMap<>();
    private final Map<RelationId, Life> lives = new TreeMap<>();
    private final Map<RelationId, Map<UnitName, Integer>> members = new TreeMap<>();
    private final Map<RelationId, ResolvedRequest> relationResolved = new TreeMap<>();

    static UnitName unit(String name) {
        return UnitName.parse(name);
    }

    static RelationId rel(int id) {
        return new RelationId(id);
    }

    RemoteState snapshot() {
        Map<RelationId, RemoteRelation> relations = new TreeMap<>();
        names.forEach((id, name) -> relations.put(id, new RemoteRelation(name, lives.get(id), members.get(id))));
        return new RemoteState(life, charm, force, config, Optional.ofNullable(resolved), relations, relationResolved);
    }

    Remote relation(int id, String name) {
        names.put(rel(id), name);
        lives.put(rel(id), Life.ALIVE);
        members.put(rel(id), new TreeMap<>());
        return this;
    }

    /** Adds the unit or sets its settings version. */
    Remote member(int id, String unit, int version) {
        members.get(rel(id)).put(unit(unit), version);
        return this;
    }

    Remote leave(int id, String unit) {
        members.get(rel(id)).remove(unit(unit));
        return this;
    }

    Remote dyingRelation(int id) {
        lives.put(rel(id), Life.DYING);
        return this;
    }

    Remote removeRelation(int id) {
        names.remove(rel(id));
        lives.remove(rel(id));
        members.remove(rel(id));
        return this;
    }

    boolean hasRelation(int id) {
        return names.containsKey(rel(id));
    }

    Map<UnitName, Integer> members(int id) {
        return members.get(rel(id));
    }

    Remote config(int version) {
        config = version;
        return this;
    }

    int config() {
        return config;
    }

    Remote charm(String url, boolean forced) {
        charm = url;
        force = forced;
        return this;
    }

    Remote dying() {
        life = Life.DYING;
        return this;
    }

    Remote resolved(boolean retry, int version) {
        resolved = new ResolvedRequest(retry, version);
        return this;
    }

    Remote relationResolved(int id, boolean retry, int version) {
        relationResolved.put(rel(id), new ResolvedRequest(retry, version));
        return this;
    }
}
