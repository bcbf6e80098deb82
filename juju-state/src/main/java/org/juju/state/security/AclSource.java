package org.juju.state.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.juju.state.store.StateStore;

/**
 * Where the ACL of a node being created comes from, per kind of client:
 * <ul>
 *   <li>{@link #policy()}: the admin and the provisioning agent, who can read the tree, compute it
 *       with {@link AclPolicy} over a {@link TreeAccessView};</li>
 *   <li>{@link #agent(AgentIdentity)}: a machine or unit agent computes it with
 *       {@link AclPolicy} over an {@link AgentAccessView};</li>
 *   <li>{@link #open()}: {@code world:anyone} ALL, for environments bootstrapped before identities
 *       existed (until {@code juju upgrade-security}) and for tests of other matters.</li>
 * </ul>
 */
public interface AclSource {
    /** A scope for the creations of one transaction: views are read once per scope. */
    Scope scope(StateStore store);

    /** The ACLs of the nodes created in one transaction. Not thread-safe. */
    interface Scope {
        /** The ACL for a node created at {@code path} with {@code data}. */
        List<ACL> forNewNode(String path, Map<String, ?> data);

        /** Checks to add to the transaction: versions of what the ACLs were computed from. */
        default List<org.apache.zookeeper.Op> guards() {
            return List.of();
        }
    }

    /** Everyone may do everything: no identities. */
    static AclSource open() {
        return store -> (path, data) -> ZooDefs.Ids.OPEN_ACL_UNSAFE;
    }

    /**
     * {@link AclPolicy} over the tree as the creator reads it. In an environment without identity
     * keys (bootstrapped before identities existed), nodes are created open, as the rest of it.
     */
    static AclSource policy() {
        return store -> {
            TreeAccessView view = new TreeAccessView(store);
            return (path, data) -> {
                view.learn(path, data);
                return view.keys().isPresent() ? AclPolicy.acl(path, view) : ZooDefs.Ids.OPEN_ACL_UNSAFE;
            };
        };
    }

    /** {@link AclPolicy} over a fixed view, such as the bootstrap identities before the tree exists. */
    static AclSource fixed(AccessView view) {
        return store -> (path, data) -> AclPolicy.acl(path, view);
    }

    /**
     * {@link AclPolicy} over an {@link AgentAccessView}, for a machine or unit agent. A node created
     * in a relation names the readers published in {@code /relations/R/settings}, and the
     * transaction is guarded by that node's version: if the provisioning agent publishes other
     * readers meanwhile, the transaction fails and its attempt is made again with them.
     */
    static AclSource agent(AgentIdentity identity) {
        return store -> new Scope() {
            private final List<org.apache.zookeeper.Op> guards = new java.util.ArrayList<>();

            @Override
            public List<ACL> forNewNode(String path, Map<String, ?> data) {
                String[] s = path.substring(1).split("/");
                List<String> readers = List.of();
                if (s.length == 4 && s[0].equals("relations") && (s[2].equals("members") || s[2].equals("settings"))) {
                    String settings = "/relations/" + s[1] + "/settings";
                    Optional<org.juju.state.store.Node> node = store.read(settings);
                    if (node.isPresent()) {
                        Object listed = node.get().data().get(AclPolicy.READERS);
                        readers = listed instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
                        guards.add(org.apache.zookeeper.Op.check(settings, node.get().version()));
                    }
                }
                return AclPolicy.acl(path, new AgentAccessView(identity, readers));
            }

            @Override
            public List<org.apache.zookeeper.Op> guards() {
                return List.copyOf(guards);
            }
        };
    }
}
