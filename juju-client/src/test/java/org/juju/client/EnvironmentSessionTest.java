package org.juju.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.juju.provider.ClientTls;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.StateServer;
import org.juju.state.error.StateUnavailableException;
import org.junit.jupiter.api.Test;

class EnvironmentSessionTest {
    @Test
    void connectsWithTheProvidersTlsSettings() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        EnvironmentConfig config = new EnvironmentConfig("remote", "ec2", Map.of(), Path.of("environments.yaml"));
        StateServer server = new StateServer("127.0.0.1:" + port, Optional.of(new ClientTls(
                Path.of("/nonexistent/client.p12"), Path.of("/nonexistent/client-trust.p12"), "secret-password")));

        assertThatThrownBy(() -> EnvironmentSession.openForBootstrap(config, null, server, Duration.ofSeconds(1)))
                .isInstanceOf(StateUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port + " (TLS)")
                .hasMessageNotContaining("secret-password");
    }
}
