package org.juju.state;

import java.util.List;
import java.util.Optional;
import org.juju.state.error.AlreadyExistsException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;

/**
 * {@code juju debug-hooks} requests ({@code /services/S/units/U/debug-hooks}): the client records
 * one for the length of its session, the unit agent reads it before each hook. The node is
 * ephemeral: it belongs to the ZooKeeper session of the client that wrote it, so a client that
 * dies without removing it leaves nothing behind once its session expires. Thread-safe.
 */
public final class DebugHooksState {
    private final StateStore store;

    DebugHooksState(StateStore store) {
        this.store = store;
    }

    /**
     * Records a request for {@code unit}, owned by this store's session, in one transaction that
     * checks the unit's node at the version read.
     *
     * @param request the hooks to debug; each must be a hook of the unit's charm
     * @throws NotFoundException      if the unit does not exist
     * @throws InvalidInputException  naming the first hook the charm does not have; nothing is written
     * @throws AlreadyExistsException if a debug-hooks session of the unit is open already
     */
    public void request(UnitName unit, DebugHooks request) {
        store.retrying("debug-hooks " + unit, () -> {
            Node node = Entities.unit(store, unit);
            checkHookNames(unit, request.hooks());
            String path = StatePaths.unitDebugHooks(unit);
            if (store.exists(path)) {
                throw new AlreadyExistsException("a debug-hooks session of unit " + unit + " is already open"
                        + " (one left by a client that died goes away within 20 s)");
            }
            store.commit(store.transaction().check(node).createEphemeral(path, request.toMap()));
        });
    }

    /** The unit's open request, if any (the unit agent's read before each hook). */
    public Optional<DebugHooks> current(UnitName unit) {
        return store.read(StatePaths.unitDebugHooks(unit)).map(node -> DebugHooks.fromMap(node.data()));
    }

    /** Deletes the unit's request, once its session ended. Idempotent. */
    public void remove(UnitName unit) {
        String path = StatePaths.unitDebugHooks(unit);
        store.retrying("end debug-hooks of " + unit, () -> {
            if (store.exists(path)) {
                store.commit(store.transaction().delete(path));
            }
        });
    }

    private void checkHookNames(UnitName unit, List<String> hooks) {
        if (hooks.isEmpty()) {
            return;
        }
        CharmRecord charm = new ServiceState(store).charm(unit.service());
        List<String> known = charm.metadata().hookNames();
        for (String hook : hooks) {
            if (!known.contains(hook)) {
                throw new InvalidInputException("charm " + charm.url() + " has no hook '" + hook + "' (its hooks: "
                        + String.join(", ", known) + ")");
            }
        }
    }
}
