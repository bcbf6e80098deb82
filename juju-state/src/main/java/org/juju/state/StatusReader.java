package org.juju.state;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.juju.state.error.CorruptNodeException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.JujuException;
import org.juju.state.model.Life;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitAgentState;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;

/**
 * Reads the whole environment into the shape of the original's {@code juju status}: top-level
 * {@code machines} (keyed by integer id) and {@code services} (charm, exposed, relations,
 * units), plus {@code environment}. The result is plain ordered data, ready for YAML or JSON.
 * Reads are not one snapshot: each entity is read consistently on its own. The nodes are fetched
 * level by level in pipelined batches ({@link StateStore#readAll}): a few round trips to ZooKeeper
 * however many units there are.
 */
public final class StatusReader {
    /** The key of an entity whose nodes could not be read, with the reason. */
    public static final String ERROR = "status-error";
    /** A unit's key under its service: its number. */
    private static final Pattern UNIT_NUMBER = Pattern.compile("\\d{1,9}");
    private final StateStore store;

    public StatusReader(StateStore store) {
        this.store = store;
    }

    /**
     * The status of everything, or, with {@code patterns} (shell globs such as {@code mysql} or
     * {@code wordpress/*}), of the services and units matching one of them and their machines.
     */
    public Map<String, Object> read(Map<String, Object> environment, List<String> patterns) {
        List<PathMatcher> matchers = patterns.stream()
                .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p)).toList();
        PrefetchedReads reads = new PrefetchedReads(store);
        Set<String> presentUnits = Set.copyOf(store.children(StatePaths.unitsPresence()));
        List<String> serviceChildren = store.children(StatePaths.services());
        prefetchServicesAndUnits(reads, serviceChildren, matchers);
        Map<String, Object> services = new TreeMap<>();
        Set<Integer> usedMachines = new TreeSet<>();
        for (String child : serviceChildren) {
            Map<String, Object> entry = isolated("service " + child, () -> {
                ServiceName name = ServiceName.of(child);
                return reads.read(StatePaths.service(name)).map(node -> {
                    Map<String, Object> units = units(reads, name, matchers, presentUnits, usedMachines);
                    boolean wanted = matchers.isEmpty() || matches(matchers, name.value()) || !units.isEmpty();
                    return wanted ? service(reads, node, name, units) : null;
                }).orElse(null);
            });
            if (entry != null && (matchers.isEmpty() || matches(matchers, child) || !entry.containsKey(ERROR))) {
                services.put(child, entry);
            }
        }
        // Integer keys: YAML prints them bare, as the original did; JSON prints them as strings.
        Map<Integer, Object> machines = new TreeMap<>();
        Set<String> presentMachines = Set.copyOf(store.children(StatePaths.machinesPresence()));
        List<MachineId> shown = new ArrayList<>();
        for (String child : store.children(StatePaths.machines())) {
            if (!MachineId.isValid(child)) {
                continue; // not a machine: a node a foreign client created; no integer key to show it under
            }
            MachineId id = MachineId.parse(child);
            if (matchers.isEmpty() || usedMachines.contains(id.value())) {
                shown.add(id);
            }
        }
        reads.fetch(shown.stream().flatMap(id -> Stream.of(StatePaths.machine(id), StatePaths.machineInstance(id),
                StatePaths.machineStatus(id))).toList());
        for (MachineId id : shown) {
            Map<String, Object> entry = isolated("machine " + id, () -> reads.read(StatePaths.machine(id))
                    .map(node -> machine(reads, id, node, presentMachines)).orElse(null));
            if (entry != null) {
                machines.put(id.value(), entry);
            }
        }
        publicAddressesFromMachines(services, machines);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("environment", environment);
        status.put("machines", machines);
        status.put("services", services);
        return status;
    }

    /**
     * Fetches, in a few pipelined batches, the nodes the services' and units' entries are read from:
     * the service nodes and unit lists, then each wanted unit's node, status and ports. Names that
     * are not a service's or a unit's are left to the reads that follow, which show them as errors.
     */
    private static void prefetchServicesAndUnits(PrefetchedReads reads, List<String> serviceChildren,
                                                 List<PathMatcher> matchers) {
        List<ServiceName> names = serviceChildren.stream().filter(ServiceName::isValid).map(ServiceName::of).toList();
        reads.fetch(names.stream().map(StatePaths::service).toList());
        reads.fetchChildren(names.stream().map(StatePaths::serviceUnits).toList());
        List<String> unitPaths = new ArrayList<>();
        for (ServiceName name : names) {
            boolean serviceMatches = matchers.isEmpty() || matches(matchers, name.value());
            for (String child : reads.fetchedChildren(StatePaths.serviceUnits(name))) {
                if (UNIT_NUMBER.matcher(child).matches()) {
                    UnitName unit = new UnitName(name, Integer.parseInt(child));
                    if (serviceMatches || matches(matchers, unit.toString())) {
                        unitPaths.addAll(List.of(StatePaths.unit(unit), StatePaths.unitStatus(unit), StatePaths.unitPorts(unit)));
                    }
                }
            }
        }
        reads.fetch(unitPaths);
    }

    /**
     * A unit's public address is its machine's {@code dns-name}, which the provisioning agent
     * refreshes (on EC2 the public address comes once the instance runs, after the unit agent
     * reported its own); the unit's report stays where its machine has none.
     */
    @SuppressWarnings("unchecked")
    private static void publicAddressesFromMachines(Map<String, Object> services, Map<Integer, Object> machines) {
        for (Object service : services.values()) {
            if (!(((Map<String, Object>) service).get("units") instanceof Map<?, ?> units)) {
                continue; // a service shown with its status-error
            }
            for (Object value : units.values()) {
                Map<String, Object> unit = (Map<String, Object>) value;
                if (unit.containsKey("public-address") && unit.get("machine") instanceof Number number
                        && machines.get(number.intValue()) instanceof Map<?, ?> machine && machine.get("dns-name") != null) {
                    unit.put("public-address", machine.get("dns-name"));
                }
            }
        }
    }

    private Map<String, Object> service(PrefetchedReads reads, Node node, ServiceName name, Map<String, Object> units) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("charm", node.string("charm"));
        service.put("exposed", store.exists(StatePaths.serviceExposed(name)));
        if (Life.DYING.text().equals(node.string("life"))) {
            service.put("life", Life.DYING.text());
        }
        service.put("relations", relations(reads, name));
        service.put("units", units);
        return service;
    }

    /** {@code {relation-name: [remote services]}}; a peer relation lists the service itself. */
    private static Map<String, Object> relations(PrefetchedReads reads, ServiceName name) {
        Map<String, Object> relations = new TreeMap<>();
        for (String child : reads.children(StatePaths.serviceRelations(name))) {
            RelationId id = new RelationId(Integer.parseInt(child));
            reads.read(StatePaths.serviceRelation(name, id)).ifPresent(marker ->
                    reads.read(StatePaths.relation(id)).ifPresent(relation -> {
                        @SuppressWarnings("unchecked")
                        List<String> remotes = (List<String>) relations.computeIfAbsent(marker.string("relation-name"),
                                k -> new ArrayList<String>());
                        List<ServiceName> others = RelationWrites.services(relation).stream()
                                .filter(s -> !s.equals(name)).toList();
                        (others.isEmpty() ? List.of(name) : others).forEach(s -> remotes.add(s.value()));
                        remotes.sort(null);
                    }));
        }
        return relations;
    }

    private static Map<String, Object> units(PrefetchedReads reads, ServiceName service, List<PathMatcher> matchers,
                                             Set<String> present, Set<Integer> usedMachines) {
        Map<String, Object> units = new LinkedHashMap<>();
        boolean serviceMatches = matchers.isEmpty() || matches(matchers, service.value());
        for (UnitName unit : Entities.units(service, reads.children(StatePaths.serviceUnits(service)))) {
            if (!serviceMatches && !matches(matchers, unit.toString())) {
                continue;
            }
            Map<String, Object> entry = isolated("unit " + unit, () -> reads.read(StatePaths.unit(unit)).map(node -> {
                if (node.data().get("machine") instanceof Number n) {
                    usedMachines.add(n.intValue());
                }
                Map<String, Object> status = reads.read(StatePaths.unitStatus(unit)).map(Node::data).orElse(Map.of());
                return unit(reads, unit, node, status, present.contains(unit.key()));
            }).orElse(null));
            if (entry != null) {
                units.put(unit.toString(), entry);
            }
        }
        return units;
    }

    private static Map<String, Object> unit(PrefetchedReads reads, UnitName name, Node node, Map<String, Object> status,
                                            boolean present) {
        Map<String, Object> unit = new LinkedHashMap<>();
        String state = String.valueOf(status.getOrDefault("agent-state", UnitAgentState.PENDING.text()));
        boolean down = !present && !UnitAgentState.PENDING.text().equals(state);
        unit.put("agent-state", down ? UnitAgentState.DOWN.text() : state);
        putIfPresent(unit, "agent-state-info", status.get("message"));
        putIfPresent(unit, "retry-at", status.get("retry-at"));
        if (node.data().get("machine") != null) {
            unit.put("machine", node.data().get("machine"));
        }
        putIfPresent(unit, "public-address", status.get("public-address"));
        if (status.get("workload-status") != null) {
            Map<String, Object> workload = new LinkedHashMap<>();
            workload.put("current", status.get("workload-status"));
            putIfPresent(workload, "message", status.get("workload-message"));
            unit.put("workload-status", workload);
        }
        unit.put("open-ports", openPorts(reads, name));
        unit.put("relation-errors", relationErrors(reads, name.service(), status));
        if (Life.DYING.text().equals(node.string("life"))) {
            unit.put("life", Life.DYING.text());
        }
        return unit;
    }

    /** The unit's open ports, sorted, as {@link UnitState#openPorts} reads them. */
    private static List<String> openPorts(PrefetchedReads reads, UnitName unit) {
        return UnitState.openPorts(reads.read(StatePaths.unitPorts(unit)));
    }

    /** {@code {relation-name: [remote services]}} for the unit's relations in error. */
    private static Map<String, Object> relationErrors(PrefetchedReads reads, ServiceName service, Map<String, Object> status) {
        Map<String, Object> errors = new TreeMap<>();
        if (status.get("relation-errors") instanceof List<?> ids) {
            for (Object id : ids) {
                RelationId relation = new RelationId(((Number) id).intValue());
                reads.read(StatePaths.serviceRelation(service, relation)).ifPresent(marker ->
                        reads.read(StatePaths.relation(relation)).ifPresent(node -> errors.put(marker.string("relation-name"),
                                RelationWrites.services(node).stream().map(ServiceName::value).filter(s -> !s.equals(service.value()))
                                        .toList())));
            }
        }
        return errors;
    }

    private static Map<String, Object> machine(PrefetchedReads reads, MachineId id, Node node, Set<String> present) {
        Map<String, Object> machine = new LinkedHashMap<>();
        Map<String, Object> instance = reads.read(StatePaths.machineInstance(id)).map(Node::data).orElse(Map.of());
        Map<String, Object> status = reads.read(StatePaths.machineStatus(id)).map(Node::data).orElse(Map.of());
        String agentState;
        if (present.contains(id.toString())) {
            agentState = "running";
        } else if (status.get("agent-state") != null) {
            agentState = "error".equals(status.get("agent-state")) ? "error" : "down";
        } else {
            agentState = "not-started";
        }
        machine.put("agent-state", agentState);
        putIfPresent(machine, "agent-state-info", status.get("message"));
        machine.put("instance-id", instance.getOrDefault("instance-id", "pending"));
        putIfPresent(machine, "instance-state", instance.get("state"));
        putIfPresent(machine, "dns-name", instance.get("dns-name"));
        if (Life.DYING.text().equals(node.string("life"))) {
            machine.put("life", Life.DYING.text());
        }
        return machine;
    }

    /**
     * Reads one entity; data a foreign client left unreadable or of the wrong shape in one of its
     * nodes makes that entity {@code {status-error: MESSAGE}} instead of failing the whole status.
     * A lost connection or a refused read still fails it.
     *
     * @return the entity's status, null if it is gone or filtered out
     */
    private static Map<String, Object> isolated(String what, Supplier<Map<String, Object>> read) {
        try {
            return read.get();
        } catch (JujuException e) {
            if (!(e instanceof CorruptNodeException || e instanceof InvalidInputException)) {
                throw e;
            }
            return Map.of(ERROR, e.getMessage());
        } catch (ClassCastException | NumberFormatException e) {
            return Map.of(ERROR, what + ": unexpected data in its nodes (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean matches(List<PathMatcher> matchers, String name) {
        Path path = Path.of(name);
        return matchers.stream().anyMatch(m -> m.matches(path));
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
