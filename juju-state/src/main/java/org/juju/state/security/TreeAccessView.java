package org.juju.state.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
    private Map<MachineId, String> machines;
    private Map<ServiceName, String> charms;
    private Map<UnitName, UnitEntry> units;
    private Map<RelationId, Set<ServiceName>> relations;
    private final Map<MachineId, String> learnedMachines = new HashMap<>();
    private final Map<UnitName, UnitEntry> learnedUnits = new HashMap<>();

    private record UnitEntry(Optional<MachineId> machine, String nonce) {
    }

    public TreeAccessView(StateStore store) {
        this.store = store;
    }

    /** The environment's identity keys, if it has any (an environment bootstrapped with identities). */
    public Optional<IdentityKeys> keys() {
        if (keys == null) {
            keys = store.read(StatePaths.identityKeys()).map(node -> IdentityKeys.fromMap(node.data())).orElse(null);
        }
        return Optional.ofNullable(keys);
    }

    /**
     * Makes a machine or unit node that is being created in the same transaction known, so that
     * the ACLs of the nodes created after it name its identity.
     */
    public void learn(String path, Map<String, ?> data) {
        Object nonce = data.get(NONCE);
        if (!(nonce instanceof String text)) {
            return;
        }
        String[] s = path.substring(1).split("/");
        if (s.length == 2 && s[0].equals("machines")) {
            learnedMachines.put(MachineId.parse(s[1]), text);
        } else if (s.length == 4 && s[0].equals("services") && s[2].equals("units")) {
            Object machine = data.get("machine");
            learnedUnits.put(new UnitName(ServiceName.of(s[1]), Integer.parseInt(s[3])),
                    new UnitEntry(Optional.ofNullable(machine).map(m -> MachineId.parse(m.toString())), text));
        }
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
            return Optional.ofNullable(machines().get(machine.get())).map(n -> keys.machine(machine.get(), n).digest());
        }
        Optional<UnitName> unit = Identities.unitOf(name);
        if (unit.isPresent()) {
            return Optional.ofNullable(units().get(unit.get())).map(e -> keys.unit(unit.get(), e.nonce()).digest());
        }
        return Optional.empty();
    }

    @Override
    public Set<String> unitsOfService(ServiceName service) {
        return units().keySet().stream().filter(u -> u.service().equals(service)).map(Identities::unit)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public Set<String> machinesOfService(ServiceName service) {
        return machinesOf(units().keySet().stream().filter(u -> u.service().equals(service)).toList());
    }

    @Override
    public Set<String> unitsOfRelation(RelationId relation) {
        Set<String> result = new TreeSet<>();
        relations().getOrDefault(relation, Set.of()).forEach(service -> result.addAll(unitsOfService(service)));
        return result;
    }

    @Override
    public Set<String> machinesOfRelation(RelationId relation) {
        Set<String> result = new TreeSet<>();
        relations().getOrDefault(relation, Set.of()).forEach(service -> result.addAll(machinesOfService(service)));
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
        return units().entrySet().stream().filter(e -> e.getValue().machine().equals(Optional.of(machine)))
                .map(e -> Identities.unit(e.getKey())).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public Optional<String> machineOfUnit(UnitName unit) {
        return Optional.ofNullable(units().get(unit)).flatMap(UnitEntry::machine).map(Identities::machine);
    }

    @Override
    public Set<String> allMachines() {
        Set<String> result = new TreeSet<>();
        result.add(Identities.machine(MachineId.BOOTSTRAP));
        machines().keySet().forEach(m -> result.add(Identities.machine(m)));
        return result;
    }

    @Override
    public Set<String> allUnits() {
        return units().keySet().stream().map(Identities::unit).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * A canonical text of everything ACLs depend on: two views with the same fingerprint give every
     * node the same ACL.
     */
    public String fingerprint() {
        StringBuilder text = new StringBuilder();
        keys().ifPresent(k -> text.append(k.fixed()).append(k.key().hashCode()));
        text.append(new TreeMap<>(machines())).append('|');
        Map<String, String> unitText = new TreeMap<>();
        units().forEach((unit, entry) -> unitText.put(unit.key(), entry.machine().map(Object::toString).orElse("-")
                + "@" + entry.nonce()));
        text.append(unitText).append('|').append(new TreeMap<>(charms())).append('|');
        Map<String, String> relationText = new TreeMap<>();
        relations().forEach((id, services) -> relationText.put(id.toString(), new TreeSet<>(services).toString()));
        return text.append(relationText).toString();
    }

    private Set<String> machinesOf(List<UnitName> unitNames) {
        Set<String> result = new TreeSet<>();
        unitNames.forEach(unit -> machineOfUnit(unit).ifPresent(result::add));
        return result;
    }

    private Set<ServiceName> servicesUsing(String quotedUrl) {
        String url = org.juju.state.charm.CharmUrl.fromQuoted(quotedUrl).toString();
        return charms().entrySet().stream().filter(e -> url.equals(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private Map<MachineId, String> machines() {
        if (machines == null) {
            machines = new HashMap<>();
            for (String child : store.children(StatePaths.machines())) {
                MachineId id = MachineId.parse(child);
                store.read(StatePaths.machine(id)).map(node -> node.string(NONCE))
                        .ifPresent(nonce -> machines.put(id, nonce));
            }
            machines.putAll(learnedMachines);
        }
        machines.putAll(learnedMachines);
        return machines;
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

    private Map<UnitName, UnitEntry> units() {
        if (units == null) {
            units = new HashMap<>();
            for (ServiceName service : charms().keySet()) {
                for (String number : store.children(StatePaths.serviceUnits(service))) {
                    UnitName unit = new UnitName(service, Integer.parseInt(number));
                    store.read(StatePaths.unit(unit)).ifPresent(node -> {
                        String nonce = node.string(NONCE);
                        Object machine = node.data().get("machine");
                        if (nonce != null) {
                            units.put(unit, new UnitEntry(Optional.ofNullable(machine)
                                    .map(m -> MachineId.parse(m.toString())), nonce));
                        }
                    });
                }
            }
        }
        units.putAll(learnedUnits);
        return units;
    }

    private Map<RelationId, Set<ServiceName>> relations() {
        if (relations == null) {
            relations = new HashMap<>();
            for (String child : store.children(StatePaths.relations())) {
                RelationId id = RelationId.parse(child);
                store.read(StatePaths.relation(id)).ifPresent(node -> {
                    Set<ServiceName> services = new TreeSet<>();
                    Object endpoints = node.data().get("endpoints");
                    if (endpoints instanceof List<?> list) {
                        for (Object endpoint : list) {
                            if (endpoint instanceof Map<?, ?> map && map.get("service") != null) {
                                services.add(ServiceName.of(map.get("service").toString()));
                            }
                        }
                    }
                    relations.put(id, services);
                });
            }
        }
        return relations;
    }
}
