package org.juju.state.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.juju.state.error.StateUnavailableException;

/** Opens Curator clients to an environment's ZooKeeper with the project's settings. */
public final class StateConnection {
    /** How long a client waits for ZooKeeper before reporting it unreachable. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private StateConnection() {
    }

    /**
     * The ZooKeeper client settings of every client of the tree: SASL off, so that connecting never
     * waits for a reverse DNS lookup of the server's address (ZooKeeper's SASL client looks up the
     * server's canonical host name first, which in a container without DNS takes tens of seconds).
     * Identities are digest credentials, not SASL.
     */
    public static ZKClientConfig clientConfig() {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false");
        return config;
    }

    /**
     * Connects and waits until connected.
     *
     * @throws StateUnavailableException naming the address when not connected within {@code timeout}
     */
    public static CuratorFramework connect(String connectString, Duration timeout) {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .zkClientConfig(clientConfig())
                .sessionTimeoutMs(20_000)
                .connectionTimeoutMs((int) Math.max(1000, timeout.toMillis()))
                .retryPolicy(new ExponentialBackoffRetry(100, 3, 1000))
                .build();
        client.start();
        boolean connected;
        try {
            connected = client.blockUntilConnected((int) timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connected = false;
        }
        if (!connected) {
            client.close();
            throw new StateUnavailableException("cannot reach ZooKeeper at " + connectString + " (no answer within "
                    + timeout.toSeconds() + " s)");
        }
        return client;
    }
}
