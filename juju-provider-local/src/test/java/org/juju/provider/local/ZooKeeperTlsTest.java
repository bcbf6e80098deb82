package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;
import org.juju.provider.ClientTls;
import org.juju.provider.StateServer;
import org.juju.state.error.ProviderException;
import org.juju.state.error.StateUnavailableException;
import org.juju.state.store.StateConnection;
import org.juju.state.store.tls.StateServerCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ZooKeeper daemon with a secure client port, listening on every address as on EC2's
 * machine 0, and clients with the right, a foreign and no certificate.
 */
class ZooKeeperTlsTest {
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(3);

    @TempDir
    static Path tmp;

    private static TestDaemons daemons;
    private static StateServerCertificates certificates;
    private static StateServerCertificates foreign;
    private static ZooKeeperAddress plain;
    private static String secureAddress;

    @BeforeAll
    static void startDaemonWithSecurePort() throws Exception {
        certificates = StateServerCertificates.generate(tmp.resolve("tls"), "juju-state");
        foreign = StateServerCertificates.generate(tmp.resolve("foreign-tls"), "juju-state");
        int securePort = freePort();
        daemons = new TestDaemons();
        Path dir = daemons.track(tmp.resolve("env"));
        plain = daemons.process.start(dir, "0.0.0.0", 0,
                Optional.of(new SecureClientPort(securePort, certificates.dir())), TestDaemons.TIMEOUT);
        secureAddress = "127.0.0.1:" + securePort;
    }

    @AfterAll
    static void stopDaemon() {
        if (daemons != null) {
            daemons.stopAll();
        }
    }

    @Test
    void clientWithTheGeneratedCertificateUsesTheSecurePort() throws Exception {
        StateServer server = new StateServer(secureAddress, Optional.of(certificates.clientTls()));

        try (CuratorFramework client = StateConnection.connect(server, Duration.ofSeconds(20))) {
            client.create().forPath("/over-tls", "secret state".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(client.getData().forPath("/over-tls"), StandardCharsets.UTF_8))
                    .isEqualTo("secret state");
        }
        try (CuratorFramework client = TestDaemons.connect(plain.toString())) {
            assertThat(client.checkExists().forPath("/over-tls")).as("same tree on the plain port").isNotNull();
        }
    }

    @Test
    void clientWithCertificatesOfAnotherEnvironmentIsRefused() {
        StateServer server = new StateServer(secureAddress, Optional.of(foreign.clientTls()));

        assertThatThrownBy(() -> StateConnection.connect(server, REFUSED_WITHIN))
                .isInstanceOf(StateUnavailableException.class)
                .hasMessageContaining(secureAddress + " (TLS)");
    }

    @Test
    void clientTrustingTheServerButWithAForeignCertificateIsRefused() throws Exception {
        ZKClientConfig config = StateConnection.clientConfig(Optional.of(certificates.clientTls()));
        try (ClientX509Util x509 = new ClientX509Util()) {
            config.setProperty(x509.getSslKeystoreLocationProperty(), foreign.clientTls().keyStore().toString());
            config.setProperty(x509.getSslKeystorePasswdProperty(), foreign.password());
        }

        assertThat(connects(secureAddress, config)).isFalse();
        await("the server's refusal in its log").atMost(Duration.ofSeconds(5))
                .until(() -> Files.readString(tmp.resolve("env/logs/zookeeper.log")).contains("PKIX path validation failed"));
    }

    @Test
    void plainClientIsNotServedOnTheSecurePort() throws Exception {
        assertThat(connects(secureAddress, StateConnection.clientConfig())).isFalse();
    }

    @Test
    void plainPortStillServesPlainClients() throws Exception {
        assertThat(plain.host()).as("address file names loopback for 0.0.0.0").isEqualTo("127.0.0.1");
        assertThat(ZooKeeperProcess.address(tmp.resolve("env"))).contains(plain);
        try (CuratorFramework client = StateConnection.connect(new StateServer(plain.toString()), Duration.ofSeconds(20))) {
            client.create().forPath("/plain", "hello".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(client.getData().forPath("/plain"), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThat(Files.readString(tmp.resolve("env/logs/zookeeper.log"))).doesNotContain(certificates.password());
        assertThat(ZooKeeperProcess.running(tmp.resolve("env")).orElseThrow().info().commandLine().orElse(""))
                .contains("--secure-port").doesNotContain(certificates.password());
    }

    @Test
    void daemonWithoutItsTlsFilesDoesNotStart() {
        TestDaemons others = new TestDaemons();
        Path dir = others.track(tmp.resolve("no-tls-env"));
        try {
            assertThatThrownBy(() -> others.process.start(dir, "127.0.0.1", 0,
                    Optional.of(new SecureClientPort(freePort(), tmp.resolve("missing-tls"))), TestDaemons.TIMEOUT))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("exited with status 1")
                    .hasMessageContaining("missing-tls");
        } finally {
            others.stopAll();
        }
    }

    /** True if a client with {@code config} gets connected within {@link #REFUSED_WITHIN}. */
    private static boolean connects(String address, ZKClientConfig config) throws InterruptedException {
        try (CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(address)
                .zkClientConfig(config)
                .sessionTimeoutMs(10_000)
                .connectionTimeoutMs(2_000)
                .retryPolicy(new RetryOneTime(100))
                .build()) {
            client.start();
            return client.blockUntilConnected((int) REFUSED_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            return socket.getLocalPort();
        }
    }
}
