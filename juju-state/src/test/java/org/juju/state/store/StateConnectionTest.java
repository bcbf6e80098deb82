package org.juju.state.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.zookeeper.client.ZKClientConfig;
import org.juju.provider.ClientTls;
import org.juju.provider.StateServer;
import org.juju.state.error.StateUnavailableException;
import org.junit.jupiter.api.Test;

class StateConnectionTest {
    private static final ClientTls TLS = new ClientTls(Path.of("/tls/client.p12"), Path.of("/tls/client-trust.p12"),
            "s3cret-password");

    @Test
    void plainConfigTurnsSaslOffAndNothingElse() {
        ZKClientConfig config = StateConnection.clientConfig();

        assertThat(config.getProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY)).isEqualTo("false");
        assertThat(config.getBoolean(ZKClientConfig.SECURE_CLIENT)).isFalse();
        assertThat(config.getProperty("zookeeper.ssl.keyStore.location")).isNull();
    }

    @Test
    void tlsConfigIsASecureNettyClientWithPinnedStores() {
        ZKClientConfig config = StateConnection.clientConfig(Optional.of(TLS));

        assertThat(config.getProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY)).isEqualTo("false");
        assertThat(config.getProperty(ZKClientConfig.SECURE_CLIENT)).isEqualTo("true");
        assertThat(config.getProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET))
                .isEqualTo("org.apache.zookeeper.ClientCnxnSocketNetty");
        assertThat(config.getProperty("zookeeper.ssl.keyStore.location")).isEqualTo("/tls/client.p12");
        assertThat(config.getProperty("zookeeper.ssl.keyStore.password")).isEqualTo("s3cret-password");
        assertThat(config.getProperty("zookeeper.ssl.keyStore.type")).isEqualTo("PKCS12");
        assertThat(config.getProperty("zookeeper.ssl.trustStore.location")).isEqualTo("/tls/client-trust.p12");
        assertThat(config.getProperty("zookeeper.ssl.trustStore.password")).isEqualTo("s3cret-password");
        assertThat(config.getProperty("zookeeper.ssl.trustStore.type")).isEqualTo("PKCS12");
        assertThat(config.getProperty("zookeeper.ssl.hostnameVerification")).isEqualTo("false");
    }

    @Test
    void secretsStayOutOfToString() {
        StateServer server = new StateServer("203.0.113.7:2281", Optional.of(TLS));

        assertThat(TLS.toString()).doesNotContain("s3cret").contains("client.p12");
        assertThat(server.toString()).doesNotContain("s3cret").contains("203.0.113.7:2281").contains("TLS");
        assertThat(new StateServer("127.0.0.1:2181").tls()).isEmpty();
    }

    @Test
    void unreachableTlsServerIsNamedWithTls() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        StateServer server = new StateServer("127.0.0.1:" + port, Optional.of(TLS));

        assertThatThrownBy(() -> StateConnection.connect(server, Duration.ofSeconds(1)))
                .isInstanceOf(StateUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port + " (TLS)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }
}
