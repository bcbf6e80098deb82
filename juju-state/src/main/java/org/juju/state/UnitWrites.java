package org.juju.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.state.model.Life;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitAgentState;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.security.Credential;
import org.juju.state.security.TreeAccessView;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import org.juju.state.store.Transaction;

/** The writes that add and remove units, shared by deploy, add-unit, remove-unit and destroy-service. */
final class UnitWrites {
    /**
     * The most units one transaction adds: five nodes each, so a transaction stays well under
     * ZooKeeper's 1 MiB request limit ({@code jute.maxbuffer}) whatever the count asked for.
     */
    static final int MAX_UNITS_PER_TRANSACTION = 250;

    private UnitWrites() {
    }

    /**
     * Adds {@code count} new units numbered from the service's counter (never reusing a number)
     * and queues them for a machine.
     *
     * @param unitsParent the service's units node as read, or {@code null} when it is created in
     *                    the same transaction (deploy), in which case numbering starts at 0
     */
    static List<UnitName> add(Transaction tx, ServiceName service, Node unitsParent, int count) {
        int next = unitsParent == null ? 0 : (int) unitsParent.number("next-number", 0);
        Map<String, Object> counter = Map.of("next-number", next + count);
        if (unitsParent == null) {
            tx.create(StatePaths.serviceUnits(service), counter);
        } else {
            tx.update(unitsParent, counter);
        }
        List<UnitName> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UnitName unit = new UnitName(service, next + i);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("machine", null);
            data.put("life", Life.ALIVE.text());
            data.put(TreeAccessView.NONCE, Credential.randomToken());
            tx.create(StatePaths.unit(unit), data);
            tx.create(StatePaths.unitStatus(unit), Map.of("agent-state", UnitAgentState.PENDING.text()));
            tx.create(StatePaths.unitStatusHistory(unit), StatusHistory.EMPTY.toMap());
            // Created here, not by the unit agent at its first commit, so that the unit's machine
            // agent, which follows the unit's subtree, may read it too (an agent cannot name
            // another agent in the ACL of a node it creates).
            tx.create(StatePaths.unitPorts(unit), Map.of("open", List.of()));
            tx.create(StatePaths.unassignedUnit(unit), Map.of());
            added.add(unit);
        }
        return added;
    }

    /** True once a machine took the unit up: then only its agents may remove it. */
    static boolean isTakenUp(Node unitNode) {
        return unitNode.data().get("machine") != null;
    }

    /**
     * Removes {@code unit} at once if no machine took it up yet; otherwise marks it dying so that
     * its agents run its stop hooks and then remove it.
     *
     * @return true if removed at once
     */
    static boolean remove(StateStore store, Transaction tx, Node unitNode, UnitName unit) {
        if (!isTakenUp(unitNode)) {
            tx.deleteTree(StatePaths.unit(unit));
            if (store.exists(StatePaths.unassignedUnit(unit))) {
                tx.delete(StatePaths.unassignedUnit(unit));
            }
            return true;
        }
        if (!Life.DYING.text().equals(unitNode.string("life"))) {
            Map<String, Object> data = new LinkedHashMap<>(unitNode.data());
            data.put("life", Life.DYING.text());
            tx.update(unitNode, data);
        }
        return false;
    }
}
