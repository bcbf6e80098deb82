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
import org.juju.state.security.AclSource;
import org.juju.state.security.Credential;
import org.juju.state.security.CuratorAcls;

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
        return connect(server.connectString(), server.tls(), Optional.empty(), AclSource.open(), timeout);
    }

    /**
     * Connects to {@code server} as {@code identity} (a ZooKeeper digest credential, re-sent on every
     * new session), with the nodes Curator creates getting their ACLs from {@code acls}, and waits
     * until connected.
     *
     * @throws StateUnavailableException naming the address when not connected within {@code timeout}
     */
    public static CuratorFramework connect(StateServer server, Credential identity, AclSource acls, Duration timeout) {
        return connect(server.connectString(), server.tls(), Optional.of(identity), acls, timeout);
    }

    /**
     * A Curator builder with the project's settings for {@code identity} (if any): SASL off, TLS when
     * given, digest authentication, ACLs of Curator's own creations from {@code acls}, and no
     * ensemble tracker (the project's ensembles are static, given by their connect strings, so no
     * session reads or watches {@code /zookeeper/config}: two reads and a watch per session). The
     * caller sets the timeouts and the retry policy, builds, calls {@link CuratorAcls#attach} on
     * {@code curatorAcls} with the client, and starts it.
     */
    public static CuratorFrameworkFactory.Builder builder(String connectString, Optional<ClientTls> tls,
                                                          Optional<Credential> identity, CuratorAcls curatorAcls) {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .zkClientConfig(clientConfig(tls))
                .aclProvider(curatorAcls)
                .ensembleTracker(false);
        identity.ifPresent(credential -> builder.authorization(Credential.SCHEME, credential.authBytes()));
        return builder;
    }

    /**
     * Connects and waits until connected.
     *
     * @throws StateUnavailableException naming the address when not connected within {@code timeout}
     */
    public static CuratorFramework connect(String connectString, Duration timeout) {
        return connect(connectString, Optional.empty(), Optional.empty(), AclSource.open(), timeout);
    }

    /** Connects as {@code identity} without TLS; see {@link #connect(StateServer, Credential, AclSource, Duration)}. */
    public static CuratorFramework connect(String connectString, Credential identity, AclSource acls, Duration timeout) {
        return connect(connectString, Optional.empty(), Optional.of(identity), acls, timeout);
    }

    private static CuratorFramework connect(String connectString, Optional<ClientTls> tls, Optional<Credential> identity,
                                            AclSource acls, Duration timeout) {
        CuratorAcls curatorAcls = new CuratorAcls(acls);
        CuratorFramework client = builder(connectString, tls, identity, curatorAcls)
                .sessionTimeoutMs(20_000)
                .connectionTimeoutMs((int) Math.max(1000, timeout.toMillis()))
                .retryPolicy(new ExponentialBackoffRetry(100, 3, 1000))
                .build();
        curatorAcls.attach(client);
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
