package org.juju.agents.unit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.agents.uniter.RemoteRelation;
import org.juju.agents.uniter.RemoteState;
import org.juju.agents.uniter.ResolvedRequest;
import org.juju.state.DebugHooks;
import org.juju.state.model.Life;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.juju.state.store.ReadOutcome;
import org.juju.state.store.StateStore;

/**
 * Reads what the tree wants of one unit into a {@link RemoteState}: its life, its service's charm
 * and config version, resolved requests, and for each relation of its service the remote members
 * with the versions of their settings nodes. Versions are znode versions, so comparing them with
 * what the unit last delivered can neither miss nor repeat a change (level-triggered). The unit's
 * {@code juju debug-hooks} request is read in the same batch ({@link Reading}).
 */
final class RemoteStateReader {
    private final StateStore store;
    private final UnitName unit;

    RemoteStateReader(StateStore store, UnitName unit) {
        this.store = store;
        this.unit = unit;
    }

    /** What one {@link #read()} found: the remote state, and the unit's debug-hooks request if one is open. */
    record Reading(RemoteState remote, Optional<DebugHooks> debugHooks) {
    }

    /**
     * The current remote state, or empty if the unit is gone from the tree. Read a level at a time
     * in pipelined batches ({@link StateStore#readAll}, {@link StateStore#childrenAll}): the unit's
     * and its service's nodes and lists first, then its relations' nodes and member lists, then the
     * remote members' settings; each read fails or succeeds as its single read would.
     */
    Optional<Reading> read() {
        String unitPath = StatePaths.unit(unit);
        String servicePath = StatePaths.service(unit.service());
        String configPath = StatePaths.serviceConfig(unit.service());
        String resolvedPath = StatePaths.unitResolved(unit);
        String relationsPath = StatePaths.serviceRelations(unit.service());
        String relationsResolvedPath = StatePaths.unitRelationsResolved(unit);
        String debugHooksPath = StatePaths.unitDebugHooks(unit);
        Map<String, ReadOutcome<Optional<Node>>> first = store.readAll(List.of(unitPath, servicePath, configPath, resolvedPath,
                debugHooksPath));
        Map<String, ReadOutcome<List<String>>> lists = store.childrenAll(List.of(relationsPath, relationsResolvedPath));
        Optional<Node> unitNode = first.get(unitPath).get();
        Optional<Node> service = first.get(servicePath).get();
        if (unitNode.isEmpty() || service.isEmpty()) {
            return Optional.empty();
        }
        Life life = Life.DYING.text().equals(unitNode.get().string("life"))
                || Life.DYING.text().equals(service.get().string("life")) ? Life.DYING : Life.ALIVE;
        int configVersion = first.get(configPath).get().map(Node::version).orElse(0);
        Map<RelationId, RemoteRelation> relations = relations(lists.get(relationsPath).get());
        Map<RelationId, ResolvedRequest> relationResolved = new HashMap<>();
        for (String child : lists.get(relationsResolvedPath).get()) {
            RelationId id = new RelationId(Integer.parseInt(child));
            request(StatePaths.unitRelationResolved(unit, id)).ifPresent(r -> relationResolved.put(id, r));
        }
        Optional<ResolvedRequest> resolved = first.get(resolvedPath).get().isEmpty() ? Optional.empty() : request(resolvedPath);
        RemoteState remote = new RemoteState(life, service.get().string("charm"), service.get().flag("force-charm-upgrade"),
                configVersion, resolved, relations, relationResolved);
        return Optional.of(new Reading(remote, first.get(debugHooksPath).get().map(DebugHooks::fromNode)));
    }

    /** The relations named by {@code children} (of the service's relations node) with their remote members. */
    private Map<RelationId, RemoteRelation> relations(List<String> children) {
        List<RelationId> ids = children.stream().map(child -> new RelationId(Integer.parseInt(child))).toList();
        List<String> paths = new ArrayList<>();
        ids.forEach(id -> paths.addAll(List.of(StatePaths.serviceRelation(unit.service(), id), StatePaths.relation(id))));
        Map<String, ReadOutcome<Optional<Node>>> nodes = store.readAll(paths);
        Map<String, ReadOutcome<List<String>>> memberLists = store.childrenAll(ids.stream().map(StatePaths::relationMembers).toList());
        Map<RelationId, Node> markers = new HashMap<>();
        Map<RelationId, List<UnitName>> remote = new HashMap<>();
        List<String> settings = new ArrayList<>();
        for (RelationId id : ids) {
            Optional<Node> marker = nodes.get(StatePaths.serviceRelation(unit.service(), id)).get();
            if (marker.isPresent() && nodes.get(StatePaths.relation(id)).get().isPresent()) {
                markers.put(id, marker.get());
                boolean peer = "peer".equals(marker.get().string("role"));
                List<UnitName> members = remoteMembers(memberLists.get(StatePaths.relationMembers(id)).get(), peer);
                remote.put(id, members);
                members.forEach(member -> settings.add(StatePaths.relationUnitSettings(id, member)));
            }
        }
        Map<String, ReadOutcome<Optional<Node>>> versions = store.readAll(settings);
        Map<RelationId, RemoteRelation> relations = new HashMap<>();
        markers.forEach((id, marker) -> {
            Map<UnitName, Integer> members = new HashMap<>();
            for (UnitName member : remote.get(id)) {
                versions.get(StatePaths.relationUnitSettings(id, member)).get().ifPresent(s -> members.put(member, s.version()));
            }
            relations.put(id, new RemoteRelation(marker.string("relation-name"),
                    Life.parse(nodes.get(StatePaths.relation(id)).get().orElseThrow().string("life")), members));
        });
        return relations;
    }

    /**
     * The remote members among a relation's member keys: the other units of this service in a peer
     * relation, the units of the other service otherwise.
     */
    private List<UnitName> remoteMembers(List<String> keys, boolean peer) {
        List<UnitName> remote = new ArrayList<>();
        for (String key : keys) {
            UnitName member = UnitName.fromKey(key);
            if (peer ? !member.equals(unit) : !member.service().equals(unit.service())) {
                remote.add(member);
            }
        }
        return remote;
    }

    /** A resolved request; its version is the request node's creation order, so each request is acted on once. */
    private Optional<ResolvedRequest> request(String path) {
        return store.read(path).flatMap(node -> store.creationOrder(path)
                .map(order -> new ResolvedRequest(node.flag("retry"), order)));
    }
}
