package org.juju.state.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.juju.state.error.StateUnavailableException;

/** Opens Curator clients to an environment's ZooKeeper with the project's settings. */
public final class StateConnection {
    /** How long a client waits for ZooKeeper before reporting it unreachable. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private StateConnection() {
    }

    /**
     * Connects and waits until connected.
     *
     * @throws StateUnavailableException naming the address when not connected within {@code timeout}
     */
    public static CuratorFramework connect(String connectString, Duration timeout) {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
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
