package org.juju.state.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.ClientCnxnSocketNetty;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;
import org.juju.provider.ClientTls;
import org.juju.provider.StateServer;
import org.juju.state.error.StateUnavailableException;

/** Opens Curator clients to an environment's ZooKeeper with the project's settings. */
public final class StateConnection {
    /** How long a client waits for ZooKeeper before reporting it unreachable. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final String PKCS12 = "PKCS12";

    private StateConnection() {
    }

    /**
     * The ZooKeeper client settings of every client of the tree: SASL off, so that connecting never
     * waits for a reverse DNS lookup of the server's address (ZooKeeper's SASL client looks up the
     * server's canonical host name first, which in a container without DNS takes tens of seconds).
     * Identities are digest credentials, not SASL.
     */
    public static ZKClientConfig clientConfig() {
        return clientConfig(Optional.empty());
    }

    /**
     * {@link #clientConfig()}, and with {@code tls} a secure client: Netty client socket, TLS with
     * the client's PKCS12 key store and trust store, and no host name verification (the trust store
     * pins the server's own certificate, whatever address it is reached at).
     */
    public static ZKClientConfig clientConfig(Optional<ClientTls> tls) {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false");
        tls.ifPresent(settings -> {
            config.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
            config.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, ClientCnxnSocketNetty.class.getName());
            try (ClientX509Util x509 = new ClientX509Util()) {
                config.setProperty(x509.getSslKeystoreLocationProperty(), settings.keyStore().toString());
                config.setProperty(x509.getSslKeystorePasswdProperty(), settings.password());
                config.setProperty(x509.getSslKeystoreTypeProperty(), PKCS12);
                config.setProperty(x509.getSslTruststoreLocationProperty(), settings.trustStore().toString());
                config.setProperty(x509.getSslTruststorePasswdProperty(), settings.password());
                config.setProperty(x509.getSslTruststoreTypeProperty(), PKCS12);
                config.setProperty(x509.getSslHostnameVerificationEnabledProperty(), "false");
            }
        });
        return config;
    }

    /**
     * Connects to {@code server} (with TLS if it has TLS settings) and waits until connected.
     *
     * @throws StateUnavailableException naming the address when not connected within {@code timeout}
     */
    public static CuratorFramework connect(StateServer server, Duration timeout) {
        return connect(server.connectString(), server.tls(), timeout);
    }

    /**
     * Connects and waits until connected.
     *
     * @throws StateUnavailableException naming the address when not connected within {@code timeout}
     */
    public static CuratorFramework connect(String connectString, Duration timeout) {
        return connect(connectString, Optional.empty(), timeout);
    }

    private static CuratorFramework connect(String connectString, Optional<ClientTls> tls, Duration timeout) {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .zkClientConfig(clientConfig(tls))
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
            throw new StateUnavailableException("cannot reach ZooKeeper at " + connectString
                    + (tls.isPresent() ? " (TLS)" : "") + " (no answer within "
                    + timeout.toSeconds() + " s)");
        }
        return client;
    }
}
