package org.juju.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.state.charm.CharmUrl;
import org.juju.state.charm.ConfigSchema;
import org.juju.state.charm.RelationSpec;
import org.juju.state.charm.Role;
import org.juju.state.error.AlreadyExistsException;
import org.juju.state.error.CharmException;
import org.juju.state.error.ConflictException;
import org.juju.state.model.Life;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import org.juju.state.store.Transaction;

/**
 * Services: deploy, destroy, exposure, config and charm upgrades. Every method is one
 * compare-and-set transaction, retried against concurrent writers; validation errors leave the
 * tree unchanged.
 */
public final class ServiceState {
    private final StateStore store;
    private final CharmState charms;

    public ServiceState(StateStore store) {
        this.store = store;
        this.charms = new CharmState(store);
    }

    /**
     * Deploys a service in one {@code multi()} (and, beyond
     * {@value UnitWrites#MAX_UNITS_PER_TRANSACTION} units, adds the others as {@link UnitState#add}
     * does): the charm record (if new), the service, its typed
     * config, its units (unassigned) and its peer relations.
     *
     * @return the new units
     * @throws AlreadyExistsException if the service exists
     * @throws org.juju.state.error.InvalidInputException if the config does not fit the charm
     * @throws CharmException if the charm URL is recorded with different content
     */
    public List<UnitName> deploy(Deploy deploy) {
        ServiceName name = deploy.service();
        Map<String, Object> config = deploy.charm().config().validate(deploy.config(), deploy.configSource());
        Limits.serviceConfig(config, "config of service '" + name + "'");
        if (deploy.charm().metadata().subordinate()) {
            throw new CharmException("charm " + deploy.charm().url() + " is subordinate: subordinate services are not supported yet");
        }
        int first = Math.min(deploy.units(), UnitWrites.MAX_UNITS_PER_TRANSACTION);
        List<UnitName> deployed = store.retrying("deploy " + name, () -> {
            if (store.exists(StatePaths.service(name))) {
                throw new AlreadyExistsException("service '" + name + "' already exists");
            }
            Transaction tx = store.transaction();
            charms.addIfAbsent(tx, deploy.charm());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("charm", deploy.charm().url().toString());
            data.put("life", Life.ALIVE.text());
            data.put("force-charm-upgrade", false);
            tx.create(StatePaths.service(name), data);
            tx.create(StatePaths.serviceConfig(name), config);
            tx.create(StatePaths.serviceRelations(name), Map.of());
            List<UnitName> units = UnitWrites.add(tx, name, null, first);
            Node counter = Entities.existing(store, StatePaths.relations());
            for (RelationSpec peer : deploy.charm().metadata().relationsByRole(Role.PEER)) {
                RelationWrites.create(tx, counter, List.of(new Endpoint(name, peer)), null);
                counter = new Node(counter.path(), Map.of("next-id", counter.number("next-id", 0) + 1), counter.version() + 1);
            }
            store.commit(tx);
            return units;
        });
        if (deploy.units() == first) {
            return deployed;
        }
        return new UnitState(store).addUpTo(name, new ArrayList<>(deployed), deploy.units());
    }

    /** Names of all services, sorted. */
    public List<ServiceName> names() {
        return store.children(StatePaths.services()).stream().map(ServiceName::of).sorted().toList();
    }

    /** The service's charm URL. */
    public CharmUrl charmUrl(ServiceName name) {
        return CharmUrl.parse(Entities.service(store, name).string("charm"), null);
    }

    /** The charm record of the service's current charm. */
    public CharmRecord charm(ServiceName name) {
        CharmUrl url = charmUrl(name);
        return charms.get(url).orElseThrow(() -> new CharmException("charm " + url + " of service '" + name + "' is not recorded"));
    }

    /**
     * Destroys a service: its unassigned units and member-less relations go at once, the rest are
     * marked dying for their agents to finish; the service itself goes when nothing is left.
     *
     * @return true if the service was removed at once
     */
    public boolean destroy(ServiceName name) {
        return store.retrying("destroy-service " + name, () -> {
            Node service = Entities.service(store, name);
            List<UnitName> units = Entities.units(store, name);
            List<RelationId> relationIds = Entities.relationsOf(store, name);
            List<Node> relations = new ArrayList<>();
            for (RelationId id : relationIds) {
                relations.add(Entities.relation(store, id));
            }
            boolean allGone = units.stream().noneMatch(u -> UnitWrites.isTakenUp(Entities.unit(store, u)))
                    && relationIds.stream().noneMatch(id -> RelationWrites.hasMembers(store, id));
            // When everything goes, the service's own relation markers go with its subtree below.
            ServiceName markersGoWithService = allGone ? name : null;
            Transaction tx = store.transaction();
            for (UnitName unit : units) {
                UnitWrites.remove(store, tx, Entities.unit(store, unit), unit);
            }
            for (Node relation : relations) {
                RelationWrites.remove(store, tx, relation, markersGoWithService);
            }
            if (allGone) {
                deleteServiceNodes(tx, name, relationIds);
            } else {
                Map<String, Object> data = new LinkedHashMap<>(service.data());
                data.put("life", Life.DYING.text());
                tx.update(service, data);
            }
            store.commit(tx);
            return allGone;
        });
    }

    /**
     * Removes a dying service once it has no units and no relations left (the last step of
     * {@code destroy-service} after its agents finished). Safe to call at any time.
     *
     * @return true if the service was removed
     */
    public boolean removeIfFinished(ServiceName name) {
        return store.retrying("remove service " + name, () -> {
            Optional<Node> service = store.read(StatePaths.service(name));
            if (service.isEmpty() || !Life.DYING.text().equals(service.get().string("life"))
                    || !Entities.units(store, name).isEmpty() || !Entities.relationsOf(store, name).isEmpty()) {
                return false;
            }
            Transaction tx = store.transaction().check(service.get());
            deleteServiceNodes(tx, name, List.of());
            store.commit(tx);
            return true;
        });
    }

    /** Deletes what is left of a service once its units and relations are deleted in {@code tx}. */
    private void deleteServiceNodes(Transaction tx, ServiceName name, List<RelationId> relationIds) {
        relationIds.forEach(id -> tx.delete(StatePaths.serviceRelation(name, id)));
        tx.delete(StatePaths.serviceRelations(name));
        tx.delete(StatePaths.serviceUnits(name));
        tx.delete(StatePaths.serviceConfig(name));
        if (store.exists(StatePaths.serviceExposed(name))) {
            tx.delete(StatePaths.serviceExposed(name));
        }
        tx.delete(StatePaths.service(name));
    }

    /** Marks the service exposed (idempotent). */
    public void expose(ServiceName name) {
        store.retrying("expose " + name, () -> {
            Node service = Entities.service(store, name);
            if (!store.exists(StatePaths.serviceExposed(name))) {
                store.commit(store.transaction().check(service).create(StatePaths.serviceExposed(name), Map.of()));
            }
        });
    }

    /** Marks the service not exposed (idempotent). */
    public void unexpose(ServiceName name) {
        store.retrying("unexpose " + name, () -> {
            Entities.service(store, name);
            if (store.exists(StatePaths.serviceExposed(name))) {
                store.commit(store.transaction().delete(StatePaths.serviceExposed(name)));
            }
        });
    }

    /** True if the service is exposed. */
    public boolean isExposed(ServiceName name) {
        Entities.service(store, name);
        return store.exists(StatePaths.serviceExposed(name));
    }

    /** The options the user set, typed, without defaults. */
    public Map<String, Object> userConfig(ServiceName name) {
        Entities.service(store, name);
        return Entities.existing(store, StatePaths.serviceConfig(name)).data();
    }

    /** The service's charm config schema. */
    public ConfigSchema configSchema(ServiceName name) {
        return charm(name).config();
    }

    /**
     * Sets options in one transaction: typed YAML values (a {@code --config} file, named
     * {@code source} in errors) and user text ({@code key=value}, converted to each option's type;
     * the text wins where both name an option). A {@code null} typed value (an empty value for a
     * non-string option) returns the option to its default. All or nothing.
     *
     * @throws org.juju.state.error.InvalidInputException for an unknown option, a value of the
     *                                                     wrong type or a config over
     *                                                     {@link Limits#SERVICE_CONFIG_BYTES}; nothing is changed
     */
    public void setConfig(ServiceName name, Map<String, Object> values, String source, Map<String, String> texts) {
        store.retrying("set " + name, () -> {
            ConfigSchema schema = configSchema(name);
            Map<String, Object> typed = new LinkedHashMap<>(schema.validate(values, source));
            texts.forEach((key, text) -> typed.put(key, schema.parseValue(key, text)));
            applyConfig(name, typed);
        });
    }

    /** Sets options from user text only; see {@link #setConfig(ServiceName, Map, String, Map)}. */
    public void setConfig(ServiceName name, Map<String, String> texts) {
        setConfig(name, Map.of(), "set", texts);
    }

    private void applyConfig(ServiceName name, Map<String, Object> typed) {
        Node config = Entities.existing(store, StatePaths.serviceConfig(name));
        Map<String, Object> merged = config.merged(typed);
        Limits.serviceConfig(merged, "config of service '" + name + "'");
        store.commit(store.transaction().update(config, merged));
    }

    /**
     * Points the service at a new charm; its units upgrade to it. {@code force} lets units in an
     * error state upgrade too.
     *
     * @throws ConflictException if the new charm is not a higher revision of the same charm
     */
    public void upgradeCharm(ServiceName name, CharmRecord charm, boolean force) {
        store.retrying("upgrade-charm " + name, () -> {
            Node service = Entities.service(store, name);
            CharmUrl current = CharmUrl.parse(service.string("charm"), null);
            if (!current.withoutRevision().equals(charm.url().withoutRevision())) {
                throw new ConflictException("cannot upgrade service '" + name + "' from " + current + " to " + charm.url()
                        + ": not the same charm");
            }
            if (revisionOf(charm.url()) <= revisionOf(current)) {
                throw new ConflictException("service '" + name + "' already runs " + current
                        + ", the latest revision available; bump the charm's revision file to upgrade");
            }
            openNewCharm(name, charm);
            Transaction tx = store.transaction();
            charms.addIfAbsent(tx, charm);
            Map<String, Object> data = new LinkedHashMap<>(service.data());
            data.put("charm", charm.url().toString());
            data.put("force-charm-upgrade", force);
            tx.update(service, data);
            store.commit(tx);
        });
    }

    /**
     * In an environment with identities: records the new charm first (if it is not yet) and opens it
     * to the service's unit and machine agents, so that none is refused it when the service points
     * at it. A charm record no service uses is harmless; the ACL keeper closes it again if the
     * upgrade does not happen.
     */
    private void openNewCharm(ServiceName name, CharmRecord charm) {
        org.juju.state.security.TreeAccessView view = new org.juju.state.security.TreeAccessView(store);
        if (view.keys().isEmpty()) {
            return;
        }
        Transaction record = store.transaction();
        charms.addIfAbsent(record, charm);
        store.commit(record);
        view.learnCharm(name, charm.url().toString());
        new org.juju.state.security.AclKeeper(store, 1).reconcileNodes(
                List.of(StatePaths.charm(charm.url().quoted())), view);
    }

    private static int revisionOf(CharmUrl url) {
        return url.revision() == null ? 0 : url.revision();
    }

    /** The service node's data, if the service exists. */
    Optional<Node> node(ServiceName name) {
        return store.read(StatePaths.service(name));
    }
}
