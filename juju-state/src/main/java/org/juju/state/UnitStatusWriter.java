package org.juju.state;

import java.util.Map;
import java.util.Optional;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import org.juju.state.store.Transaction;

/**
 * One writer's updates of a unit's status node and status history, as
 * {@link UnitState#updateStatus(UnitName, Map, StatusEvent)} makes them, remembering both nodes as
 * it last read or wrote them: the unit agent, their usual writer, keeps one and so reads neither
 * before a write. Each write is guarded by the remembered versions: if anyone else changed either
 * node meanwhile (the machine agent reporting an install error, a hook's workload status), the
 * write fails on the version and is read and made again. Any failed write forgets both nodes, so a
 * write whose outcome is unknown (the connection lost during it) is never trusted.
 *
 * <p>Not thread-safe: one writer per unit agent.
 */
public final class UnitStatusWriter {
    private final StateStore store;
    private final UnitName unit;
    private final String statusPath;
    private final String historyPath;
    /** The status node as last read or written; null when it must be read. */
    private Node status;
    /** The history node as last read or written (empty: none yet); null when it must be read. */
    private Optional<Node> history;

    UnitStatusWriter(StateStore store, UnitName unit) {
        this.store = store;
        this.unit = unit;
        this.statusPath = StatePaths.unitStatus(unit);
        this.historyPath = StatePaths.unitStatusHistory(unit);
    }

    /**
     * The unit's status data as this writer last read or wrote it; read when not known.
     *
     * @throws org.juju.state.error.NotFoundException if the unit's status node is gone
     */
    public Map<String, Object> status() {
        return statusNode().data();
    }

    /**
     * Merges {@code changes} into the status node ({@code null} values remove keys) and appends a
     * history entry if the agent-state changes or {@code event} says always, in one transaction.
     *
     * @throws org.juju.state.error.NotFoundException if the unit's status node is gone
     */
    public void update(Map<String, ?> changes, StatusEvent event) {
        store.retrying("status of " + unit, () -> {
            try {
                write(changes, event);
            } catch (RuntimeException e) {
                forget();
                throw e;
            }
        });
    }

    /** Forgets both nodes: the next write reads them (after a write of this unit's status made elsewhere). */
    public void forget() {
        status = null;
        history = null;
    }

    private void write(Map<String, ?> changes, StatusEvent event) {
        Node node = statusNode();
        Map<String, Object> merged = node.merged(changes);
        Transaction tx = store.transaction().update(node, merged);
        Optional<Node> written = Optional.empty();
        if (StatusHistory.recorded(node.data(), merged, event)) {
            Optional<Node> before = historyNode();
            Map<String, Object> data = StatusHistory.append(tx, historyPath, before, merged, event);
            written = Optional.of(new Node(historyPath, data, nextVersion(before)));
        }
        store.commit(tx);
        status = new Node(statusPath, merged, nextVersion(Optional.of(node)));
        written.ifPresent(next -> history = Optional.of(next));
    }

    /** The status node as last read or written, read if not known. */
    private Node statusNode() {
        if (status == null) {
            status = Entities.existing(store, statusPath);
        }
        return status;
    }

    /** The history node as last read or written (empty if none), read if not known. */
    private Optional<Node> historyNode() {
        if (history == null) {
            history = store.read(historyPath);
        }
        return history;
    }

    /** The version a node has once written: a set bumps it by one, a create starts at 0. */
    private static int nextVersion(Optional<Node> before) {
        return before.map(node -> node.version() + 1).orElse(0);
    }
}
