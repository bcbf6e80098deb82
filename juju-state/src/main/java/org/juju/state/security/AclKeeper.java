package org.juju.state.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.data.ACL;
import org.juju.state.error.AccessDeniedException;
import org.juju.state.path.StatePaths;
import org.juju.state.store.ReadOutcome;
import org.juju.state.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the ACL of every node of the tree what {@link AclPolicy} says, for the current
 * environment: the provisioning agent runs it (it holds ADMIN on every node), and so does
 * {@code juju upgrade-security}. Level-triggered: each pass reads the environment afresh, so an
 * identity whose machine or unit is gone loses its entries everywhere (revocation), and a new unit's
 * identity gains them on its service's, relations' and charm's nodes.
 *
 * <p>A full pass reads the ACL of every node; {@link #reconcileIfChanged} skips it while nothing
 * ACLs depend on changed since the last pass, except once every {@code fullPassEvery} calls, which
 * catches nodes created meanwhile from a view that was already stale; and, if asked, not within a
 * minimum interval of the last pass, nor then within {@value #IDLE_FACTOR} times the time the last
 * pass took (a pass over a large tree takes seconds; the caller's other work must not wait behind
 * pass after pass). Not thread-safe.
 */
public final class AclKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(AclKeeper.class);
    private static final String ZOOKEEPER_SYSTEM = "/zookeeper";
    private final StateStore store;
    private final int fullPassEvery;
    private final java.time.Duration minInterval;
    private String lastFingerprint;
    private int callsSincePass;
    private long lastPassNanos;
    private long lastPassDurationNanos;
    /** After a pass, at least this many times its duration passes before the next (see the class). */
    static final int IDLE_FACTOR = 4;

    /**
     * @param store         a store authenticated as admin or provisioning agent
     * @param fullPassEvery how many calls of {@link #reconcileIfChanged} at most between two full passes
     */
    public AclKeeper(StateStore store, int fullPassEvery) {
        this(store, fullPassEvery, java.time.Duration.ZERO);
    }

    /**
     * Like {@link #AclKeeper(StateStore, int)}, and {@link #reconcileIfChanged} does nothing within
     * {@code minInterval} of the last pass (a later call makes the pass): during a deploy, rounds
     * follow each other closely and each would otherwise walk the whole tree.
     */
    public AclKeeper(StateStore store, int fullPassEvery, java.time.Duration minInterval) {
        this.store = store;
        this.fullPassEvery = fullPassEvery;
        this.minInterval = minInterval;
    }

    /**
     * A full pass when the environment changed since the last one (or {@code fullPassEvery} calls
     * passed); nothing otherwise, and nothing in an environment without identity keys.
     *
     * @return how many nodes got a new ACL
     */
    public int reconcileIfChanged() {
        long sinceLast = System.nanoTime() - lastPassNanos;
        if (lastFingerprint != null && !minInterval.isZero()
                && (sinceLast < minInterval.toNanos() || sinceLast < IDLE_FACTOR * lastPassDurationNanos)) {
            return 0;
        }
        TreeAccessView view = new TreeAccessView(store);
        if (view.keys().isEmpty()) {
            return 0;
        }
        String fingerprint = view.fingerprint();
        callsSincePass++;
        if (fingerprint.equals(lastFingerprint) && callsSincePass < fullPassEvery) {
            return 0;
        }
        return pass(view, fingerprint);
    }

    /**
     * A full pass whatever changed.
     *
     * @return how many nodes got a new ACL
     */
    public int reconcile() {
        TreeAccessView view = new TreeAccessView(store);
        if (view.keys().isEmpty()) {
            return 0;
        }
        return pass(view, view.fingerprint());
    }

    /**
     * Fixes the nodes of {@code subtrees} (each node and everything below it) as {@code view} says,
     * such as the nodes a unit's assignment opens to its agents, before the assignment is made.
     *
     * @return how many nodes got a new ACL
     */
    public int reconcile(Collection<String> subtrees, AccessView view) {
        return visit(subtrees, view);
    }

    /**
     * Fixes exactly the nodes {@code paths} (not their children) as {@code view} says.
     *
     * @return how many nodes got a new ACL
     */
    public int reconcileNodes(Collection<String> paths, AccessView view) {
        return fixAll(paths.stream().distinct().toList(), view);
    }

    private int pass(TreeAccessView view, String fingerprint) {
        long start = System.nanoTime();
        int changed = visit(List.of("/"), view);
        lastFingerprint = fingerprint;
        callsSincePass = 0;
        lastPassNanos = System.nanoTime();
        lastPassDurationNanos = lastPassNanos - start;
        if (changed > 0) {
            LOG.info("set the ACLs of {} nodes", changed);
        }
        return changed;
    }

    /**
     * Fixes {@code roots} and everything below them, a level at a time: a level's ACLs are read,
     * fixed and its children listed in pipelined batches ({@link StateStore#aclAll},
     * {@link StateStore#setAclAll}, {@link StateStore#childrenAll}), so a level costs a few round
     * trips whatever its width. Parents are fixed before their children are listed.
     */
    private int visit(Collection<String> roots, AccessView view) {
        int changed = 0;
        List<String> level = roots.stream().filter(path -> !path.equals(ZOOKEEPER_SYSTEM)).distinct().toList();
        while (!level.isEmpty()) {
            changed += fixAll(level, view);
            // Log records keep the ACL they were created with (AclPolicy); there are thousands.
            List<String> parents = level.stream().filter(path -> !path.equals(StatePaths.logs())).toList();
            List<String> next = new ArrayList<>();
            store.childrenAll(parents).forEach((path, children) -> readableChildren(children).forEach(child -> {
                String childPath = path.equals("/") ? "/" + child : path + "/" + child;
                if (!childPath.equals(ZOOKEEPER_SYSTEM)) {
                    next.add(childPath);
                }
            }));
            level = next;
        }
        return changed;
    }

    /** The children listed, or none if the node is gone or may not be listed by this identity. */
    private static List<String> readableChildren(ReadOutcome<List<String>> children) {
        try {
            return children.get();
        } catch (AccessDeniedException e) {
            return List.of();
        }
    }

    /** Fixes exactly {@code paths}, in pipelined batches; returns how many got a new ACL. */
    private int fixAll(List<String> paths, AccessView view) {
        paths.forEach(path -> publishReaders(path, view));
        Map<String, StateStore.VersionedAcl> fixes = new LinkedHashMap<>();
        store.aclAll(paths).forEach((path, current) -> current.get().ifPresent(acl -> {
            List<ACL> wanted = AclPolicy.acl(path, view);
            if (!sameEntries(acl.acl(), wanted)) {
                fixes.put(path, new StateStore.VersionedAcl(wanted, acl.version()));
            }
        }));
        if (fixes.isEmpty()) {
            return 0;
        }
        return (int) store.setAclAll(fixes).values().stream().filter(ReadOutcome::get).count();
    }

    /**
     * On {@code /relations/R/settings}: makes its {@code readers} the relation's readers, for unit
     * agents to name in the nodes they create below it. Done before the children are visited, so a
     * child created from the old list either exists when they are listed, or its transaction fails
     * on the version check it carries.
     */
    private void publishReaders(String path, AccessView view) {
        String[] s = path.substring(1).split("/");
        if (s.length != 3 || !s[0].equals("relations") || !s[2].equals("settings")) {
            return;
        }
        org.juju.state.model.RelationId id;
        try {
            id = org.juju.state.model.RelationId.parse(s[1]);
        } catch (RuntimeException e) {
            return;
        }
        List<String> readers = AclPolicy.relationReaders(id, view);
        store.retrying("publish the readers of " + path, () -> store.read(path)
                .filter(node -> !readers.equals(node.data().get(AclPolicy.READERS))).ifPresent(node -> {
                    java.util.Map<String, Object> data = new java.util.LinkedHashMap<>(node.data());
                    data.put(AclPolicy.READERS, readers);
                    store.commit(store.transaction().update(node, data));
                }));
    }

    static boolean sameEntries(List<ACL> a, List<ACL> b) {
        return new HashSet<>(a).equals(new HashSet<>(b)) && a.size() == b.size();
    }
}
