package org.juju.state.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;

/**
 * The ACL of every node of the state tree, as a function of its path and the environment
 * ({@link AccessView}): the one place that decides who may do what. {@code docs/security.md} has
 * the same table in prose.
 *
 * <p>Everywhere: the admin has every permission; the provisioning agent too, except on the
 * units' relation settings (unit-private data), where it has only ADMIN (to keep their ACLs).
 * {@code world:anyone} has nothing anywhere. ZooKeeper's CREATE and DELETE are rights on a parent,
 * so an agent that may create its own child of a node may create any child there; where that is
 * so, the rule says it.
 *
 * <p>Log records ({@code /logs/log-N}) are the exception the other way: the agent that writes one
 * gets no right on it, and the provisioning agent only READ and DELETE (it trims them), so a record
 * is read by the admin ({@code juju debug-log}) alone and its ACL is never changed after creation.
 */
public final class AclPolicy {
    static final int R = Perms.READ;
    static final int W = Perms.WRITE;
    static final int C = Perms.CREATE;
    static final int D = Perms.DELETE;
    static final int A = Perms.ADMIN;
    static final int ALL = Perms.ALL;

    private AclPolicy() {
    }

    /** The ACL {@code path} must have, sorted by identity name. */
    public static List<ACL> acl(String path, AccessView view) {
        Grants grants = new Grants(view);
        String[] s = segments(path);
        grants.add(Identities.ADMIN, ALL);
        boolean unitPrivate = s.length == 4 && s[0].equals("relations") && s[2].equals("settings");
        boolean logRecord = s.length == 2 && s[0].equals("logs");
        grants.add(Identities.PROVISIONING, unitPrivate ? A : logRecord ? R | D : ALL);
        if (s.length >= 2) {
            switch (s[0]) {
                case "charms" -> charm(s, grants, view);
                case "machines" -> machine(s, grants, view);
                case "services" -> service(s, grants, view);
                case "relations" -> relation(s, grants, view);
                default -> {
                }
            }
        }
        if (s.length == 1 && s[0].equals("settings")) {
            // Unit agents read the hook retry options; every agent the debug-log switch.
            grants.addAll(view.allUnits(), R);
            grants.addAll(view.allMachines(), R);
        }
        if (s.length == 1 && s[0].equals("logs")) {
            // Every agent appends its log records; only the admin and the provisioning agent list them.
            grants.addAll(view.allUnits(), C);
            grants.addAll(view.allMachines(), C);
        }
        if ((s.length == 2 || s.length == 3) && s[0].equals("presence")) {
            presence(s, grants, view);
        }
        return grants.toAcl();
    }

    private static void charm(String[] s, Grants grants, AccessView view) {
        if (s.length == 2) {
            grants.addAll(view.unitsOfCharm(s[1]), R);
            grants.addAll(view.machinesOfCharm(s[1]), R);
        }
    }

    private static void machine(String[] s, Grants grants, AccessView view) {
        MachineId id;
        try {
            id = MachineId.parse(s[1]);
        } catch (RuntimeException e) {
            return;
        }
        String agent = Identities.machine(id);
        if (s.length == 2) {
            grants.add(agent, R | C);
            grants.addAll(view.unitsOnMachine(id), R);
        } else if (s.length == 3 && s[2].equals("instance")) {
            grants.add(agent, R);
            grants.addAll(view.unitsOnMachine(id), R);
        } else if (s.length == 3 && s[2].equals("status")) {
            grants.add(agent, R | W);
        } else if (s.length == 3 && s[2].equals("units")) {
            grants.add(agent, R | W | D);
        } else if (s.length == 4 && s[2].equals("units")) {
            grants.add(agent, R | W);
        }
    }

    private static void service(String[] s, Grants grants, AccessView view) {
        ServiceName service;
        try {
            service = ServiceName.of(s[1]);
        } catch (RuntimeException e) {
            return;
        }
        if (s.length == 2) {
            grants.addAll(view.unitsOfService(service), R);
            grants.addAll(view.machinesOfService(service), R);
        } else if (s[2].equals("config") && s.length == 3) {
            grants.addAll(view.unitsOfService(service), R);
        } else if (s[2].equals("relations") && s.length <= 4) {
            grants.addAll(view.unitsOfService(service), R);
            grants.addAll(view.machinesOfService(service), R);
        } else if (s[2].equals("units") && s.length == 3) {
            grants.addAll(view.machinesOfService(service), R | W | D);
        } else if (s[2].equals("units")) {
            unit(s, service, grants, view);
        }
    }

    /** {@code /services/S/units/U} and below. */
    private static void unit(String[] s, ServiceName service, Grants grants, AccessView view) {
        UnitName unit;
        try {
            unit = new UnitName(service, Integer.parseInt(s[3]));
        } catch (RuntimeException e) {
            return;
        }
        String agent = Identities.unit(unit);
        Optional<String> machine = view.machineOfUnit(unit);
        if (s.length == 4) {
            grants.add(agent, R | C | D);
            machine.ifPresent(m -> grants.add(m, R | D));
            return;
        }
        machine.ifPresent(m -> grants.add(m, R));
        switch (s[4]) {
            case "status", "status-history" -> {
                grants.add(agent, R | W);
                machine.ifPresent(m -> grants.add(m, R | W));
            }
            case "ports" -> grants.add(agent, R | W);
            case "relation-resolved" -> {
                grants.add(agent, s.length == 5 ? R | D : R);
                machine.filter(m -> s.length == 5).ifPresent(m -> grants.add(m, R | D));
            }
            default -> grants.add(agent, R);
        }
    }

    private static void relation(String[] s, Grants grants, AccessView view) {
        RelationId id;
        try {
            id = RelationId.parse(s[1]);
        } catch (RuntimeException e) {
            return;
        }
        Collection<String> units = view.unitsOfRelation(id);
        Collection<String> machines = view.machinesOfRelation(id);
        if (s.length == 2 || s.length == 4 && s[2].equals("members")) {
            grants.addAll(units, R);
            grants.addAll(machines, R);
        } else if (s.length == 3 && s[2].equals("members")) {
            grants.addAll(units, R | W | C | D);
            grants.addAll(machines, R);
        } else if (s.length == 3 && s[2].equals("settings")) {
            grants.addAll(units, R | C);
            grants.addAll(machines, R | D);
        } else if (s.length == 4 && s[2].equals("settings")) {
            grants.addAll(units, R);
            grants.addAll(machines, R);
            try {
                grants.add(Identities.unit(UnitName.fromKey(s[3])), R | W);
            } catch (RuntimeException e) {
                // not a unit key: nobody but admin and provisioning
            }
        }
    }

    /** The data key of {@code /relations/R/settings} that lists the relation's readers. */
    public static final String READERS = "readers";

    /**
     * The ACL ids of the identities that may read relation {@code id}'s members and settings
     * (its services' units and their machines), sorted: what the provisioning agent publishes in
     * {@code /relations/R/settings} for unit agents to name in the nodes they create there.
     */
    public static java.util.List<String> relationReaders(RelationId id, AccessView view) {
        java.util.Set<String> names = new java.util.TreeSet<>(view.unitsOfRelation(id));
        names.addAll(view.machinesOfRelation(id));
        java.util.List<String> digests = new ArrayList<>();
        names.forEach(name -> view.digest(name).ifPresent(digests::add));
        return digests;
    }

    /**
     * The presence parents: every machine (unit) agent creates its node there. A presence node:
     * its own agent reads it (Curator's {@code PersistentNode} keeps it with an {@code exists}
     * watch, which ZooKeeper refuses without READ); nobody but the admin and the provisioning agent
     * deletes it (DELETE is the parent's, and would let an agent remove another's presence): it
     * goes with its agent's session.
     */
    private static void presence(String[] s, Grants grants, AccessView view) {
        if (s.length == 2) {
            if (s[1].equals("machines")) {
                grants.addAll(view.allMachines(), C);
            } else if (s[1].equals("units")) {
                grants.addAll(view.allUnits(), C);
            }
            return;
        }
        try {
            if (s[1].equals("machines")) {
                grants.add(Identities.machine(MachineId.parse(s[2])), R);
            } else if (s[1].equals("units")) {
                grants.add(Identities.unit(UnitName.fromKey(s[2])), R);
            }
        } catch (org.juju.state.error.JujuException | IllegalArgumentException e) {
            // Not a machine id or unit key: no agent's node.
        }
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }

    /** Permissions per identity name, turned into ACL entries for the identities that exist. */
    private static final class Grants {
        private final AccessView view;
        private final Map<String, Integer> perms = new TreeMap<>();

        Grants(AccessView view) {
            this.view = view;
        }

        void add(String name, int granted) {
            perms.merge(name, granted, (a, b) -> a | b);
        }

        void addAll(Collection<String> names, int granted) {
            names.forEach(name -> add(name, granted));
        }

        List<ACL> toAcl() {
            List<ACL> acl = new ArrayList<>();
            perms.forEach((name, granted) -> view.digest(name)
                    .ifPresent(digest -> acl.add(new ACL(granted, new Id(Credential.SCHEME, digest)))));
            return acl;
        }
    }
}
