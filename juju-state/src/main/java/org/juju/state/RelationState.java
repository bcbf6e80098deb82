package org.juju.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.state.charm.CharmMetadata;
import org.juju.state.charm.RelationSpec;
import org.juju.state.charm.Role;
import org.juju.state.error.AlreadyExistsException;
import org.juju.state.error.ConflictException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.Life;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.path.StatePaths;
import org.juju.state.security.TreeAccessView;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import org.juju.state.store.Transaction;

/**
 * Relations between services. Endpoints are matched by interface and role (provides with
 * requires; peers only within one service, created at deploy); an ambiguous match is an error
 * that lists the candidates.
 */
public final class RelationState {
    private final StateStore store;
    private final ServiceState services;

    public RelationState(StateStore store) {
        this.store = store;
        this.services = new ServiceState(store);
    }

    /**
     * Relates two services. With identities and an {@link org.juju.state.security.AclSource#policy()}
     * store (the admin's), the relation is created open to the services' units and their machines,
     * its settings listing its readers: their agents read and join it as soon as they see it.
     *
     * @return the new relation's id
     * @throws NotFoundException     for an unknown service
     * @throws InvalidInputException for unmatched or ambiguous endpoints
     * @throws AlreadyExistsException if the relation exists
     */
    public RelationId add(EndpointRef a, EndpointRef b) {
        return store.retrying("add-relation " + a + " " + b, () -> {
            List<Endpoint> pair = match(a, b);
            String key = RelationWrites.key(pair);
            if (store.exists(StatePaths.relationKey(key))) {
                throw new AlreadyExistsException("relation " + key + " already exists");
            }
            Map<ServiceName, Node> parents = new LinkedHashMap<>();
            Transaction tx = store.transaction();
            for (Endpoint endpoint : pair) {
                Node service = Entities.service(store, endpoint.service());
                if (Life.DYING.text().equals(service.string("life"))) {
                    throw new ConflictException("service '" + endpoint.service() + "' is being destroyed");
                }
                tx.check(service);
                parents.put(endpoint.service(), Entities.existing(store, StatePaths.serviceRelations(endpoint.service())));
            }
            RelationId id = RelationWrites.create(tx, Entities.existing(store, StatePaths.relations()), pair, parents,
                    new TreeAccessView(store));
            store.commit(tx);
            return id;
        });
    }

    /**
     * Removes the relation between two services: at once if no unit joined it, otherwise it is
     * marked dying and the units' agents depart and break it.
     *
     * @throws NotFoundException if no such relation exists
     */
    public void remove(EndpointRef a, EndpointRef b) {
        store.retrying("remove-relation " + a + " " + b, () -> {
            List<String> existing = candidatePairs(a, b).stream().map(RelationWrites::key)
                    .filter(k -> store.exists(StatePaths.relationKey(k))).toList();
            if (existing.isEmpty()) {
                throw new NotFoundException("relation " + describe(a, b) + " not found");
            }
            if (existing.size() > 1) {
                throw new InvalidInputException("ambiguous relation between " + a + " and " + b + ": could be "
                        + String.join(" or ", existing) + "; name the relations, e.g. juju remove-relation "
                        + existing.get(0));
            }
            String key = existing.get(0);
            Node index = store.require(StatePaths.relationKey(key),
                    () -> new NotFoundException("relation " + key + " not found"));
            RelationId id = new RelationId((int) index.number("relation", -1));
            Transaction tx = store.transaction();
            RelationWrites.remove(store, tx, Entities.relation(store, id), null);
            store.commit(tx);
        });
    }

    /**
     * Enters {@code unit} into a live relation: its membership node and its settings node, seeded
     * with {@code settings} (charms rely on {@code private-address} being there), in one
     * transaction. Idempotent. The unit agent's write, made after its {@code start} hook.
     *
     * @throws ConflictException if the relation is dying
     */
    public void join(RelationId id, org.juju.state.model.UnitName unit, Map<String, String> settings) {
        store.retrying("join " + unit + " to relation " + id, () -> {
            Node relation = Entities.relation(store, id);
            if (store.exists(StatePaths.relationMember(id, unit))) {
                return;
            }
            if (Life.DYING.text().equals(relation.string("life"))) {
                throw new ConflictException("relation " + id + " is being removed");
            }
            Transaction tx = store.transaction().check(relation)
                    .touch(Entities.existing(store, StatePaths.relationMembers(id)));
            if (!store.exists(StatePaths.relationUnitSettings(id, unit))) {
                tx.create(StatePaths.relationUnitSettings(id, unit), settings);
            }
            store.commit(tx.create(StatePaths.relationMember(id, unit), Map.of()));
        });
    }

    /**
     * Takes {@code unit} out of a relation (its counterparts see {@code -departed} at once). The
     * members' parent is touched with every join and leave. A dying relation left without members is
     * removed by the provisioning agent ({@link #removeIfFinished}): a unit agent may not delete the
     * relation, its key or the other service's marker. Idempotent.
     */
    public void leave(RelationId id, org.juju.state.model.UnitName unit) {
        store.retrying("leave relation " + id + " for " + unit, () -> {
            if (!store.exists(StatePaths.relationMember(id, unit))) {
                return;
            }
            Node members = Entities.existing(store, StatePaths.relationMembers(id));
            store.commit(store.transaction().delete(StatePaths.relationMember(id, unit)).touch(members));
        });
    }

    /**
     * Removes relation {@code id} if it is dying and no unit is a member any more: its subtree, its
     * key and both services' markers, in one transaction guarded by the members' parent (a unit
     * joining meanwhile makes it retry and find a member). The provisioning agent's write.
     *
     * @return true if it removed the relation
     */
    public boolean removeIfFinished(RelationId id) {
        return store.retrying("remove finished relation " + id, () -> {
            java.util.Optional<Node> relation = store.read(StatePaths.relation(id));
            if (relation.isEmpty() || !Life.DYING.text().equals(relation.get().string("life"))) {
                return false;
            }
            Node members = Entities.existing(store, StatePaths.relationMembers(id));
            if (!store.children(StatePaths.relationMembers(id)).isEmpty()) {
                return false;
            }
            Transaction whole = store.transaction().check(members);
            RelationWrites.deleteWhole(store, whole, relation.get(), null);
            store.commit(whole);
            return true;
        });
    }

    /** Every relation id of the environment. */
    public List<RelationId> ids() {
        return store.children(StatePaths.relations()).stream().map(RelationId::parse).sorted().toList();
    }

    /** The relations a service takes part in: id to its relation name on that service's side. */
    public Map<RelationId, String> relationsOf(ServiceName service) {
        Entities.service(store, service);
        Map<RelationId, String> result = new LinkedHashMap<>();
        for (RelationId id : Entities.relationsOf(store, service)) {
            store.read(StatePaths.serviceRelation(service, id))
                    .ifPresent(marker -> result.put(id, marker.string("relation-name")));
        }
        return result;
    }

    /** Every pair of charm relations of {@code a} and {@code b} that can be related. */
    private List<List<Endpoint>> candidatePairs(EndpointRef a, EndpointRef b) {
        if (a.service().equals(b.service())) {
            throw new InvalidInputException("cannot relate service '" + a.service() + "' to itself"
                    + " (peer relations are created when the service is deployed)");
        }
        List<List<Endpoint>> matches = new ArrayList<>();
        for (Endpoint l : candidates(a)) {
            for (Endpoint r : candidates(b)) {
                if (l.canRelateTo(r)) {
                    matches.add(List.of(l, r));
                }
            }
        }
        return matches;
    }

    /** The relation named by the user's two endpoint references, in canonical key form when both are exact. */
    private static String describe(EndpointRef a, EndpointRef b) {
        return a.relation().isPresent() && b.relation().isPresent()
                ? java.util.stream.Stream.of(a.toString(), b.toString()).sorted().collect(java.util.stream.Collectors.joining(" "))
                : "between " + a + " and " + b;
    }

    /** Matches two endpoint references to exactly one pair of charm relations. */
    private List<Endpoint> match(EndpointRef a, EndpointRef b) {
        List<List<Endpoint>> matches = candidatePairs(a, b);
        if (matches.isEmpty()) {
            throw new InvalidInputException("no matching relation between " + a + " and " + b
                    + ": endpoints must share an interface, one providing and one requiring it");
        }
        if (matches.size() > 1) {
            List<String> options = matches.stream().map(m -> m.get(0) + " " + m.get(1)).toList();
            throw new InvalidInputException("ambiguous relation between " + a + " and " + b + ": could be "
                    + String.join(" or ", options) + "; name the relations, e.g. juju add-relation " + options.get(0));
        }
        return matches.get(0);
    }

    private List<Endpoint> candidates(EndpointRef ref) {
        CharmMetadata metadata = services.charm(ref.service()).metadata();
        List<Endpoint> endpoints = new ArrayList<>();
        for (RelationSpec spec : metadata.relations()) {
            if (spec.role() != Role.PEER && ref.relation().map(spec.name()::equals).orElse(true)) {
                endpoints.add(new Endpoint(ref.service(), spec));
            }
        }
        if (ref.relation().isPresent() && endpoints.isEmpty()) {
            throw new InvalidInputException("service '" + ref.service() + "' has no relation '" + ref.relation().get()
                    + "' that can be added (its charm declares: " + String.join(", ",
                    metadata.relations().stream().map(RelationSpec::name).toList()) + ")");
        }
        return endpoints;
    }
}
