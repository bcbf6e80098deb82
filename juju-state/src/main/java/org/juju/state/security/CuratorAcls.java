package org.juju.state.security;

import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.data.ACL;
import org.juju.state.store.StateStore;

/**
 * Curator's {@link ACLProvider} over an {@link AclSource}: nodes that Curator itself creates
 * (presence nodes, the provisioning leader latch, parents created on the way) get the same ACLs as
 * those of the state layer's transactions. {@link #attach} must be called with the client before
 * it creates anything.
 */
public final class CuratorAcls implements ACLProvider {
    private final AclSource source;
    private volatile StateStore reader;

    public CuratorAcls(AclSource source) {
        this.source = source;
    }

    /** The client whose creations this provider serves; it also reads the views. */
    public void attach(CuratorFramework client) {
        this.reader = new StateStore(client, source);
    }

    @Override
    public List<ACL> getDefaultAcl() {
        return getAclForPath("/");
    }

    @Override
    public List<ACL> getAclForPath(String path) {
        StateStore store = reader;
        if (store == null) {
            throw new IllegalStateException("CuratorAcls used before attach()");
        }
        return source.scope(store).forNewNode(path, Map.of());
    }
}
