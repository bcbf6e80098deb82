package org.juju.agents.unit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.juju.agents.uniter.RemoteRelation;
import org.juju.agents.uniter.RemoteState;
import org.juju.agents.uniter.ResolvedRequest;
import org.juju.state.model.Life;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;

/**
 * Reads what the tree wants of one unit into a {@link RemoteState}: its life, its service's charm
 * and config version, resolved requests, and for each relation of its service the remote members
 * with the versions of their settings nodes. Versions are znode versions, so comparing them with
 * what the unit last delivered can neither miss nor repeat a change (level-triggered).
 */
final class RemoteStateReader {
    private final StateStore store;
    private final UnitName unit;

    RemoteStateReader(StateStore store, UnitName unit) {
        this.store = store;
        this.unit = unit;
    }

    /** The current remote state, or empty if the unit is gone from the tree. */
    Optional<RemoteState> read() {
        Optional<Node> unitNode = store.read(StatePaths.unit(unit));
        Optional<Node> service = store.read(StatePaths.service(unit.service()));
        if (unitNode.isEmpty() || service.isEmpty()) {
            return Optional.empty();
        }
        Life life = Life.DYING.text().equals(unitNode.get().string("life"))
                || Life.DYING.text().equals(service.get().string("life")) ? Life.DYING : Life.ALIVE;
        int configVersion = store.read(StatePaths.serviceConfig(unit.service())).map(Node::version).orElse(0);
        Map<RelationId, RemoteRelation> relations = new HashMap<>();
        for (String child : store.children(StatePaths.serviceRelations(unit.service()))) {
            RelationId id = new RelationId(Integer.parseInt(child));
            Optional<Node> marker = store.read(StatePaths.serviceRelation(unit.service(), id));
            Optional<Node> relation = store.read(StatePaths.relation(id));
            if (marker.isPresent() && relation.isPresent()) {
                boolean peer = "peer".equals(marker.get().string("role"));
                relations.put(id, new RemoteRelation(marker.get().string("relation-name"),
                        Life.parse(relation.get().string("life")), members(id, peer)));
            }
        }
        Map<RelationId, ResolvedRequest> relationResolved = new HashMap<>();
        for (String child : store.children(StatePaths.unitRelationsResolved(unit))) {
            RelationId id = new RelationId(Integer.parseInt(child));
            request(StatePaths.unitRelationResolved(unit, id)).ifPresent(r -> relationResolved.put(id, r));
        }
        return Optional.of(new RemoteState(life, service.get().string("charm"), service.get().flag("force-charm-upgrade"),
                configVersion, request(StatePaths.unitResolved(unit)), relations, relationResolved));
    }

    /**
     * Remote members of a relation with their settings versions: the other units of this service
     * in a peer relation, the units of the other service otherwise.
     */
    private Map<UnitName, Integer> members(RelationId id, boolean peer) {
        Map<UnitName, Integer> members = new HashMap<>();
        for (String key : store.children(StatePaths.relationMembers(id))) {
            UnitName member = UnitName.fromKey(key);
            boolean remote = peer ? !member.equals(unit) : !member.service().equals(unit.service());
            if (remote) {
                store.read(StatePaths.relationUnitSettings(id, member)).ifPresent(s -> members.put(member, s.version()));
            }
        }
        return members;
    }

    /** A resolved request; its version is the request node's creation order, so each request is acted on once. */
    private Optional<ResolvedRequest> request(String path) {
        return store.read(path).flatMap(node -> store.creationOrder(path)
                .map(order -> new ResolvedRequest(node.flag("retry"), order)));
    }
}
