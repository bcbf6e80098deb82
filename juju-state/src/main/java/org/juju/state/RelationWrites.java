package org.juju.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.juju.state.charm.RelationSpec;
import org.juju.state.charm.Scope;
import org.juju.state.model.Life;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AclPolicy;
import org.juju.state.security.TreeAccessView;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import org.juju.state.store.Transaction;

/** The writes that create and remove relations, shared by deploy (peers), add/remove-relation and destroy-service. */
final class RelationWrites {
    private RelationWrites() {
    }

    /** The canonical key of a set of endpoints: sorted {@code service:relation}, space-separated. */
    static String key(List<Endpoint> endpoints) {
        TreeSet<String> names = new TreeSet<>();
        endpoints.forEach(e -> names.add(e.toString()));
        return String.join(" ", names);
    }

    /**
     * Creates a relation over {@code endpoints} (one for a peer relation, two otherwise), its
     * settings node listing no readers: for a service created in the same transaction, whose units
     * get their machines, and the relation its readers, at assignment.
     *
     * @param counter  the {@code /relations} node as read (its {@code next-id} is taken and bumped)
     * @param services the services' relations parents as read, bumped (or {@code null} for a
     *                 service created in the same transaction)
     */
    static RelationId create(Transaction tx, Node counter, List<Endpoint> endpoints, Map<ServiceName, Node> services) {
        return create(tx, counter, endpoints, services, null);
    }

    /**
     * Creates a relation over {@code endpoints} open at once to its services' units and their
     * machines: the transaction's nodes get the ACLs {@link org.juju.state.security.AclPolicy} gives
     * them (with an {@link org.juju.state.security.AclSource#policy()} store, which learns the relation
     * from its node's data), and {@code /relations/R/settings} lists the relation's
     * {@link org.juju.state.security.AclPolicy#READERS readers} as {@code view} computes them, for
     * unit agents to name in the member and settings nodes they create when they join. Without
     * identity keys (or {@code view}) the settings node lists none.
     *
     * @param view the tree as the creator reads it (the admin), or {@code null}
     */
    static RelationId create(Transaction tx, Node counter, List<Endpoint> endpoints, Map<ServiceName, Node> services,
                             TreeAccessView view) {
        RelationId id = new RelationId((int) counter.number("next-id", 0));
        tx.update(counter, Map.of("next-id", id.value() + 1));
        boolean container = endpoints.stream().anyMatch(e -> e.spec().scope() == Scope.CONTAINER);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("interface", endpoints.get(0).spec().interfaceName());
        data.put("scope", container ? "container" : "global");
        data.put("life", Life.ALIVE.text());
        data.put("key", key(endpoints));
        List<Map<String, Object>> list = new ArrayList<>();
        endpoints.forEach(e -> list.add(e.toMap()));
        data.put("endpoints", list);
        tx.create(StatePaths.relation(id), data);
        tx.create(StatePaths.relationMembers(id), Map.of());
        tx.create(StatePaths.relationSettings(id), settingsData(id, data, view));
        tx.create(StatePaths.relationKey(key(endpoints)), Map.of("relation", id.value()));
        for (Endpoint endpoint : endpoints) {
            Map<String, Object> marker = new LinkedHashMap<>();
            marker.put("relation-name", endpoint.spec().name());
            marker.put("role", endpoint.toMap().get("role"));
            tx.create(StatePaths.serviceRelation(endpoint.service(), id), marker);
            Node parent = services == null ? null : services.get(endpoint.service());
            if (parent != null) {
                tx.touch(parent);
            }
        }
        return id;
    }

    /** The data of a new relation's settings node: its readers, in an environment with identities. */
    private static Map<String, Object> settingsData(RelationId id, Map<String, Object> relation, TreeAccessView view) {
        if (view == null || view.keys().isEmpty()) {
            return Map.of();
        }
        view.learn(StatePaths.relation(id), relation);
        return Map.of(AclPolicy.READERS, AclPolicy.relationReaders(id, view));
    }

    /**
     * Removes relation {@code id} at once when no unit has joined it, else marks it dying so the
     * members' agents run their departed and broken hooks and then remove it.
     *
     * @param skip a service whose whole subtree the caller deletes in the same transaction (its
     *             marker of this relation goes with it), or {@code null}
     * @return true if removed at once
     */
    static boolean remove(StateStore store, Transaction tx, Node relation, ServiceName skip) {
        RelationId id = new RelationId(Integer.parseInt(relation.path().substring(relation.path().lastIndexOf('/') + 1)));
        if (hasMembers(store, id)) {
            if (!Life.DYING.text().equals(relation.string("life"))) {
                Map<String, Object> data = new LinkedHashMap<>(relation.data());
                data.put("life", Life.DYING.text());
                tx.update(relation, data);
            }
            return false;
        }
        deleteWhole(store, tx, relation, skip);
        return true;
    }

    /**
     * Deletes relation {@code relation} with everything below it (members included), its key and
     * the services' markers.
     *
     * @param skip a service whose subtree the caller deletes in the same transaction, or null
     */
    static void deleteWhole(StateStore store, Transaction tx, Node relation, ServiceName skip) {
        RelationId id = new RelationId(Integer.parseInt(relation.path().substring(relation.path().lastIndexOf('/') + 1)));
        tx.deleteTree(StatePaths.relation(id));
        tx.delete(StatePaths.relationKey(relation.string("key")));
        for (ServiceName service : services(relation)) {
            if (!service.equals(skip)) {
                tx.delete(StatePaths.serviceRelation(service, id));
                tx.touch(Entities.existing(store, StatePaths.serviceRelations(service)));
            }
        }
    }

    /** True once a unit joined the relation: then only the members' agents may finish it. */
    static boolean hasMembers(StateStore store, RelationId id) {
        return !store.children(StatePaths.relationMembers(id)).isEmpty();
    }

    /** The distinct services of a relation node. */
    @SuppressWarnings("unchecked")
    static List<ServiceName> services(Node relation) {
        List<ServiceName> services = new ArrayList<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) relation.data().get("endpoints")) {
            ServiceName name = ServiceName.of(String.valueOf(e.get("service")));
            if (!services.contains(name)) {
                services.add(name);
            }
        }
        return services;
    }
}
