package org.juju.state.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.data.ACL;
import org.juju.state.codec.YamlCodec;
import org.juju.state.security.AclSource;

/**
 * The writes of one compound intent, applied by {@link StateStore#commit} as a single ZooKeeper
 * {@code multi()}: all or nothing. Every version-guarded write fails the whole transaction when the
 * node changed since it was read. Not thread-safe; build and commit it on one thread.
 */
public final class Transaction {
    private final List<Op> ops = new ArrayList<>();
    private final java.util.Set<String> touched = new java.util.HashSet<>();
    private final StateStore store;
    private final AclSource acls;
    private AclSource.Scope scope;

    Transaction(StateStore store, AclSource acls) {
        this.store = store;
        this.acls = acls;
    }

    /** Creates a persistent node holding {@code data} (a plain YAML map). */
    public Transaction create(String path, Map<String, ?> data) {
        ops.add(Op.create(path, YamlCodec.dumpBytes(data), aclFor(path, data), CreateMode.PERSISTENT));
        return this;
    }

    /** The ACL of a node created by this transaction (see {@link org.juju.state.security.AclPolicy}). */
    private List<ACL> aclFor(String path, Map<String, ?> data) {
        if (scope == null) {
            scope = acls.scope(store);
        }
        return scope.forNewNode(path, data);
    }

    /**
     * Creates an ephemeral node holding {@code data}: it lives as long as the session that commits
     * the transaction, so a request of a client that dies goes away by itself.
     */
    public Transaction createEphemeral(String path, Map<String, ?> data) {
        ops.add(Op.create(path, YamlCodec.dumpBytes(data), aclFor(path, data), CreateMode.EPHEMERAL));
        return this;
    }

    /** Creates an empty persistent node (a marker or a parent). */
    public Transaction createEmpty(String path) {
        ops.add(Op.create(path, new byte[0], aclFor(path, Map.of()), CreateMode.PERSISTENT));
        return this;
    }

    /** Replaces the data of {@code node}, guarded by the version it was read at. */
    public Transaction update(Node node, Map<String, ?> data) {
        ops.add(Op.setData(node.path(), YamlCodec.dumpBytes(data), node.version()));
        return this;
    }

    /**
     * Bumps the version of {@code node} (its data unchanged), guarded by the version it was read at;
     * done once per transaction however often it is asked. Parents of sets are touched whenever
     * the set changes, so that a check on the parent guards an invariant over the set.
     */
    public Transaction touch(Node node) {
        if (touched.add(node.path())) {
            update(node, node.data());
        }
        return this;
    }

    /**
     * Writes {@code data} at {@code path}: replaces {@code existing} (guarded by the version it
     * was read at) or, when it was absent, creates the node.
     */
    public Transaction put(String path, java.util.Optional<Node> existing, Map<String, ?> data) {
        return existing.isPresent() ? update(existing.get(), data) : create(path, data);
    }

    /** Fails the transaction unless {@code node} still has the version it was read at. */
    public Transaction check(Node node) {
        ops.add(Op.check(node.path(), node.version()));
        return this;
    }

    /** Deletes {@code path}, which must have no children left after the earlier ops. */
    public Transaction delete(String path) {
        ops.add(Op.delete(path, -1));
        return this;
    }

    /**
     * Deletes {@code path} and everything below it as read now (children before parents). A child
     * created concurrently makes the transaction fail and its attempt retry.
     */
    public Transaction deleteTree(String path) {
        for (String child : store.childrenIfReadable(path)) {
            deleteTree(path + "/" + child);
        }
        return delete(path);
    }

    /** True when nothing was added. */
    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /** Number of operations so far. */
    public int size() {
        return ops.size();
    }

    List<Op> ops() {
        if (scope == null) {
            return List.copyOf(ops);
        }
        List<Op> all = new ArrayList<>(ops);
        all.addAll(scope.guards());
        return all;
    }
}
