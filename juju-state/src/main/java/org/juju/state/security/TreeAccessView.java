package org.juju.state.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;

/**
 * An {@link AccessView} read from the tree, for the identities that may read all of it that
 * matters here (the admin and the provisioning agent): {@code /secrets/identities}, every machine,
 * service, unit and relation node. Each part is read once, when first needed; the view is a
 * snapshot for one transaction or one ACL pass, not kept up to date. Nodes created earlier in the
 * same transaction are made known with {@link #learn}. Not thread-safe.
 */
public final class TreeAccessView implements AccessView {
    /** The data key of machine and unit nodes that their identity's password is derived with. */
    public static final String NONCE = "identity-nonce";
    private final StateStore store;
    private IdentityKeys keys;
    private boolean keysRead;
    private final Map<MachineId, Optional<String>> machineNonces = new HashMap<>();
    private final Map<UnitName, Optional<UnitEntry>> unitEntries = new HashMap<>();
    private final Map<ServiceName, Set<UnitName>> serviceUnits = new HashMap<>();
    private final Map<MachineId, Set<UnitName>> machineUnits = new HashMap<>();
    private final Map<RelationId, Set<ServiceName>> relationServices = new HashMap<>();
    private Map<ServiceName, String> charms;
    private final Map<UnitName, UnitEntry> learnedUnits = new HashMap<>();

    private record UnitEntry(Optional<MachineId> machine, String nonce) {
    }

    public TreeAccessView(StateStore store) {
        this.store = store;
    }

    /** The environment's identity keys, if it has any (an environment bootstrapped with identities). */
    public Optional<IdentityKeys> keys() {
        if (!keysRead) {
            keys = store.read(StatePaths.identityKeys()).map(node -> IdentityKeys.fromMap(node.data())).orElse(null);
            keysRead = true;
        }
        return Optional.ofNullable(keys);
    }

    /**
     * Makes a machine, unit or relation node that is being created in the same transaction known,
     * so that the ACLs of the nodes created after it name its identity (a machine or unit) or its
     * services' units and their machines (a relation: its members and settings nodes, created with it).
     */
    public void learn(String path, Map<String, ?> data) {
        String[] s = path.substring(1).split("/");
        if (s.length == 2 && s[0].equals("relations")) {
            learnRelation(s[1], data);
            return;
        }
        Object nonce = data.get(NONCE);
        if (!(nonce instanceof String text)) {
            return;
        }
        if (s.length == 2 && s[0].equals("machines")) {
            machineNonces.put(MachineId.parse(s[1]), Optional.of(text));
        } else if (s.length == 4 && s[0].equals("services") && s[2].equals("units")) {
            Object machine = data.get("machine");
            UnitName unit = new UnitName(ServiceName.of(s[1]), Integer.parseInt(s[3]));
            UnitEntry entry = new UnitEntry(Optional.ofNullable(machine).map(m -> MachineId.parse(m.toString())), text);
            learnedUnits.put(unit, entry);
            unitEntries.put(unit, Optional.of(entry));
            Set<UnitName> known = serviceUnits.get(unit.service());
            if (known != null) {
                known.add(unit);
            }
        }
    }

    /** Makes the view take {@code service} as running charm {@code url} (an upgrade about to be made). */
    public void learnCharm(ServiceName service, String url) {
        charms().put(service, url);
    }

    @Override
    public Optional<String> digest(String name) {
        if (keys().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> fixed = keys.fixedDigest(name);
        if (fixed.isPresent()) {
            return fixed;
        }
        Optional<MachineId> machine = Identities.machineOf(name);
        if (machine.isPresent()) {
            return machineNonce(machine.get()).map(n -> keys.machine(machine.get(), n).digest());
        }
        Optional<UnitName> unit = Identities.unitOf(name);
        if (unit.isPresent()) {
            return unitEntry(unit.get()).map(e -> keys.unit(unit.get(), e.nonce()).digest());
        }
        return Optional.empty();
    }

    @Override
    public Set<String> unitsOfService(ServiceName service) {
        return unitsOf(service).stream().map(Identities::unit).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public Set<String> machinesOfService(ServiceName service) {
        Set<String> result = new TreeSet<>();
        unitsOf(service).forEach(unit -> machineOfUnit(unit).ifPresent(result::add));
        return result;
    }

    @Override
    public Set<String> unitsOfRelation(RelationId relation) {
        Set<String> result = new TreeSet<>();
        servicesOf(relation).forEach(service -> result.addAll(unitsOfService(service)));
        return result;
    }

    @Override
    public Set<String> machinesOfRelation(RelationId relation) {
        Set<String> result = new TreeSet<>();
        servicesOf(relation).forEach(service -> result.addAll(machinesOfService(service)));
        return result;
    }

    @Override
    public Set<String> unitsOfCharm(String quotedUrl) {
        Set<String> result = new TreeSet<>();
        servicesUsing(quotedUrl).forEach(service -> result.addAll(unitsOfService(service)));
        return result;
    }

    @Override
    public Set<String> machinesOfCharm(String quotedUrl) {
        Set<String> result = new TreeSet<>();
        servicesUsing(quotedUrl).forEach(service -> result.addAll(machinesOfService(service)));
        return result;
    }

    @Override
    public Set<String> unitsOnMachine(MachineId machine) {
        Set<UnitName> units = machineUnits.computeIfAbsent(machine, m -> {
            Set<UnitName> found = new TreeSet<>();
            store.children(StatePaths.machineUnits(m)).forEach(key -> found.add(UnitName.fromKey(key)));
            prefetchUnits(found);
            return found;
        });
        Set<String> result = new TreeSet<>();
        units.forEach(unit -> result.add(Identities.unit(unit)));
        learnedUnits.forEach((unit, entry) -> entry.machine().filter(machine::equals)
                .ifPresent(m -> result.add(Identities.unit(unit))));
        return result;
    }

    @Override
    public Optional<String> machineOfUnit(UnitName unit) {
        return unitEntry(unit).flatMap(UnitEntry::machine).map(Identities::machine);
    }

    @Override
    public Set<String> allMachines() {
        Set<String> result = new TreeSet<>();
        result.add(Identities.machine(MachineId.BOOTSTRAP));
        allMachineIds().forEach(m -> result.add(Identities.machine(m)));
        return result;
    }

    @Override
    public Set<String> allUnits() {
        Set<String> result = new TreeSet<>();
        charms().keySet().forEach(service -> result.addAll(unitsOfService(service)));
        return result;
    }

    /**
     * A canonical text of everything ACLs depend on: two views with the same fingerprint give every
     * node the same ACL. Reads the whole environment.
     */
    public String fingerprint() {
        StringBuilder text = new StringBuilder();
        keys().ifPresent(k -> text.append(k.fixed()).append(k.key().hashCode()));
        Map<String, String> machineText = new TreeMap<>();
        allMachineIds().forEach(m -> machineText.put(m.toString(), machineNonce(m).orElse("-")));
        text.append(machineText).append('|');
        Map<String, String> unitText = new TreeMap<>();
        for (ServiceName service : charms().keySet()) {
            for (UnitName unit : unitsOf(service)) {
                unitEntry(unit).ifPresent(entry -> unitText.put(unit.key(),
                        entry.machine().map(Object::toString).orElse("-") + "@" + entry.nonce()));
            }
        }
        text.append(unitText).append('|').append(new TreeMap<>(charms())).append('|');
        Map<String, String> relationText = new TreeMap<>();
        for (String child : store.children(StatePaths.relations())) {
            RelationId id = RelationId.parse(child);
            relationText.put(child, new TreeSet<>(servicesOf(id)).toString());
        }
        return text.append(relationText).toString();
    }

    private List<MachineId> allMachineIds() {
        List<MachineId> ids = store.children(StatePaths.machines()).stream().map(MachineId::parse).toList();
        prefetchMachines(ids);
        return ids.stream().filter(id -> machineNonce(id).isPresent()).toList();
    }

    private Optional<String> machineNonce(MachineId id) {
        return machineNonces.computeIfAbsent(id, m -> store.read(StatePaths.machine(m)).map(node -> node.string(NONCE)));
    }

    private Optional<UnitEntry> unitEntry(UnitName unit) {
        return unitEntries.computeIfAbsent(unit, u -> store.read(StatePaths.unit(u)).flatMap(TreeAccessView::unitEntryOf));
    }

    private static Optional<UnitEntry> unitEntryOf(Node node) {
        String nonce = node.string(NONCE);
        Object machine = node.data().get("machine");
        return nonce == null ? Optional.empty()
                : Optional.of(new UnitEntry(Optional.ofNullable(machine).map(m -> MachineId.parse(m.toString())), nonce));
    }

    /** Reads the nodes of those of {@code units} not known yet in one batch ({@link #prefetch}). */
    private void prefetchUnits(Collection<UnitName> units) {
        prefetch(units, unitEntries, StatePaths::unit, node -> node.flatMap(TreeAccessView::unitEntryOf));
    }

    /** Reads the nodes of those of {@code machines} not known yet in one batch ({@link #prefetch}). */
    private void prefetchMachines(Collection<MachineId> machines) {
        prefetch(machines, machineNonces, StatePaths::machine, node -> node.map(n -> n.string(NONCE)));
    }

    /**
     * Reads the nodes of those of {@code keys} that {@code known} lacks in one pipelined batch
     * ({@link StateStore#readAll}) and keeps what {@code entry} makes of each. A node that fails to
     * read is left out: its lazy single read reads it again and throws what that read throws.
     */
    private <K, V> void prefetch(Collection<K> keys, Map<K, V> known, Function<K, String> path,
                                 Function<Optional<Node>, V> entry) {
        Map<String, K> unknown = new LinkedHashMap<>();
        keys.stream().filter(key -> !known.containsKey(key)).forEach(key -> unknown.put(path.apply(key), key));
        if (unknown.size() < 2) {
            return;
        }
        store.readAll(unknown.keySet()).forEach((nodePath, outcome) -> {
            if (!outcome.failed()) {
                known.put(unknown.get(nodePath), entry.apply(outcome.get()));
            }
        });
    }

    /** The units of {@code service} that have an identity. */
    private Set<UnitName> unitsOf(ServiceName service) {
        Set<UnitName> units = serviceUnits.computeIfAbsent(service, s -> {
            Set<UnitName> found = new TreeSet<>();
            store.children(StatePaths.serviceUnits(s)).forEach(number -> found.add(new UnitName(s, Integer.parseInt(number))));
            learnedUnits.keySet().stream().filter(u -> u.service().equals(s)).forEach(found::add);
            return found;
        });
        prefetchUnits(units);
        Set<UnitName> withIdentity = new TreeSet<>();
        units.forEach(unit -> unitEntry(unit).ifPresent(entry -> withIdentity.add(unit)));
        return withIdentity;
    }

    private void learnRelation(String child, Map<String, ?> data) {
        RelationId id;
        try {
            id = RelationId.parse(child);
        } catch (RuntimeException e) {
            return;
        }
        relationServices.put(id, servicesOfEndpoints(data));
    }

    private Set<ServiceName> servicesOf(RelationId relation) {
        return relationServices.computeIfAbsent(relation, id -> store.read(StatePaths.relation(id))
                .map(node -> servicesOfEndpoints(node.data())).orElseGet(TreeSet::new));
    }

    /** The services named by the {@code endpoints} of a relation node's data. */
    private static Set<ServiceName> servicesOfEndpoints(Map<String, ?> relation) {
        Set<ServiceName> services = new TreeSet<>();
        if (relation.get("endpoints") instanceof List<?> list) {
            for (Object endpoint : list) {
                if (endpoint instanceof Map<?, ?> map && map.get("service") != null) {
                    services.add(ServiceName.of(map.get("service").toString()));
                }
            }
        }
        return services;
    }

    private Set<ServiceName> servicesUsing(String quotedUrl) {
        String url = org.juju.state.charm.CharmUrl.fromQuoted(quotedUrl).toString();
        return charms().entrySet().stream().filter(e -> url.equals(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private Map<ServiceName, String> charms() {
        if (charms == null) {
            charms = new HashMap<>();
            for (String child : store.children(StatePaths.services())) {
                ServiceName service = ServiceName.of(child);
                store.read(StatePaths.service(service)).map(node -> node.string("charm"))
                        .ifPresent(charm -> charms.put(service, charm));
            }
        }
        return charms;
    }
}
