package org.juju.state;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.state.error.AlreadyExistsException;
import org.juju.state.error.ConflictException;
import org.juju.state.model.Life;
import org.juju.state.model.MachineId;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import org.juju.state.store.Transaction;

/**
 * Provisioning retries of machines in error: the client records a request node per machine
 * ({@code /machines/N/retry-provisioning}); the provisioning agent acts on it once, deleting it in
 * the same transaction that forgets the machine's instance and error, or discards it when the
 * machine is no longer in error. Thread-safe.
 */
public final class MachineRetries {
    private final StateStore store;

    MachineRetries(StateStore store) {
        this.store = store;
    }

    /**
     * Asks the provisioning agent to provision machines in error again, all or nothing: one
     * request node per machine, created in one transaction that checks each machine's node (not
     * dying) and status (in error) at the versions read.
     *
     * @throws org.juju.state.error.NotFoundException for an unknown machine
     * @throws ConflictException      for machine 0, a machine not in error or a machine being terminated
     * @throws AlreadyExistsException if a retry of one of them is pending already
     */
    public void request(List<MachineId> ids) {
        store.retrying("retry-provisioning", () -> {
            Transaction tx = store.transaction();
            for (MachineId id : new LinkedHashSet<>(ids)) {
                if (id.isBootstrap()) {
                    throw new ConflictException("machine 0 cannot be retried: bootstrap provisions it; run 'juju bootstrap'"
                            + " to start its agent again");
                }
                Node machine = Entities.machine(store, id);
                if (Life.DYING.text().equals(machine.string("life"))) {
                    throw new ConflictException("machine " + id + " cannot be retried: it is being terminated");
                }
                Optional<Node> status = store.read(StatePaths.machineStatus(id));
                if (status.filter(MachineRetries::isError).isEmpty()) {
                    throw new ConflictException("machine " + id + " is not in error ("
                            + status.map(n -> n.string("agent-state")).orElse("not started yet") + ")");
                }
                String request = StatePaths.machineRetryProvisioning(id);
                if (store.exists(request)) {
                    throw new AlreadyExistsException("a retry of machine " + id + " is already pending");
                }
                tx.check(machine).check(status.get()).create(request, Map.of());
            }
            store.commit(tx);
        });
    }

    /**
     * Acts on a pending retry request once the provisioning agent has stopped whatever instance the
     * provider had for the machine: forgets the machine's instance record and status and deletes the
     * request, in one transaction guarded by the versions read. The machine node's version is bumped
     * too, so a concurrent {@code terminate-machine} makes the attempt start over. The machine is then
     * alive without an instance: the intent to start it again, which survives a change of leader.
     *
     * @return false, changing nothing, if no request is pending
     * @throws ConflictException if the machine is being terminated
     */
    public boolean reset(MachineId id) {
        return store.retrying("retry provisioning of machine " + id, () -> {
            Node machine = Entities.machine(store, id);
            if (Life.DYING.text().equals(machine.string("life"))) {
                throw new ConflictException("machine " + id + " is being terminated");
            }
            String requestPath = StatePaths.machineRetryProvisioning(id);
            Optional<Node> request = store.read(requestPath);
            if (request.isEmpty()) {
                return false;
            }
            Transaction tx = store.transaction().touch(machine).check(request.get()).delete(requestPath);
            for (String path : List.of(StatePaths.machineInstance(id), StatePaths.machineStatus(id))) {
                store.read(path).ifPresent(node -> tx.check(node).delete(path));
            }
            store.commit(tx);
            return true;
        });
    }

    /**
     * Deletes a pending retry request without acting on it (its machine is no longer in error),
     * guarded by the request's version. Idempotent.
     *
     * @return true if a request was deleted
     */
    public boolean discard(MachineId id) {
        String path = StatePaths.machineRetryProvisioning(id);
        return store.retrying("discard retry of machine " + id, () -> {
            Optional<Node> request = store.read(path);
            request.ifPresent(node -> store.commit(store.transaction().check(node).delete(path)));
            return request.isPresent();
        });
    }

    private static boolean isError(Node status) {
        return "error".equals(status.string("agent-state"));
    }
}
