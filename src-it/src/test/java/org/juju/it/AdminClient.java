package org.juju.it;

import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.juju.state.JujuState;
import org.juju.state.security.AclSource;
import org.juju.state.security.Identities;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;

/** The tests' own connections to an environment's ZooKeeper, as its admin (every node has an ACL). */
final class AdminClient {
    private AdminClient() {
    }

    /** Connects to {@code address} as the admin of an environment whose admin secret is {@code adminSecret}. */
    static CuratorFramework connect(String address, String adminSecret, Duration timeout) {
        return StateConnection.connect(address, Identities.admin(adminSecret), AclSource.policy(), timeout);
    }

    /** The state of the environment behind {@code client}, as its admin. */
    static JujuState state(CuratorFramework client) {
        return new JujuState(new StateStore(client, AclSource.policy()));
    }
}
