package org.juju.state.store.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.juju.provider.ClientTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateServerCertificatesTest {
    @TempDir
    Path tmp;

    @Test
    void generateMakesTheFiveOwnerOnlyFiles() throws Exception {
        Path dir = tmp.resolve("env/tls");

        StateServerCertificates certificates = StateServerCertificates.generate(dir, "203.0.113.7");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(StateServerCertificates.FILES);
        }
        for (String name : StateServerCertificates.FILES) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
                    .as(name).isEqualTo("rw-------");
        }
        String password = certificates.password();
        assertThat(password).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(Files.readString(dir.resolve("password")).trim()).isEqualTo(password);
        for (String name : List.of("server.p12", "server-trust.p12", "client.p12", "client-trust.p12")) {
            byte[] content = Files.readAllBytes(dir.resolve(name));
            assertThat(new String(content, StandardCharsets.ISO_8859_1)).as(name).doesNotContain(password);
            assertThat(new String(content, StandardCharsets.UTF_16BE)).as(name).doesNotContain(password);
        }
        assertThat(certificates.toString()).doesNotContain(password);
    }

    @Test
    void eachSideTrustsExactlyThePeersCertificate() throws Exception {
        StateServerCertificates certificates = StateServerCertificates.generate(tmp.resolve("tls"), "juju-state");
        char[] password = certificates.password().toCharArray();

        KeyStore server = open(certificates.serverKeyStore(), password);
        KeyStore client = open(certificates.clientTls().keyStore(), password);
        KeyStore serverTrust = open(certificates.serverTrustStore(), password);
        KeyStore clientTrust = open(certificates.clientTls().trustStore(), password);

        X509Certificate serverCert = (X509Certificate) server.getCertificate("server");
        X509Certificate clientCert = (X509Certificate) client.getCertificate("client");
        assertThat(server.isKeyEntry("server")).isTrue();
        assertThat(client.isKeyEntry("client")).isTrue();
        assertThat(serverCert.getSubjectX500Principal().getName()).isEqualTo("CN=juju-state");
        assertThat(clientCert.getSubjectX500Principal().getName()).isEqualTo("CN=juju-client");
        assertThat(serverCert.getNotAfter().getTime() - serverCert.getNotBefore().getTime())
                .isGreaterThanOrEqualTo(3650L * 24 * 3600 * 1000);
        assertThat(Collections.list(serverTrust.aliases())).hasSize(1);
        assertThat(serverTrust.getCertificate(serverTrust.aliases().nextElement())).isEqualTo(clientCert);
        assertThat(Collections.list(clientTrust.aliases())).hasSize(1);
        assertThat(clientTrust.getCertificate(clientTrust.aliases().nextElement())).isEqualTo(serverCert);
    }

    @Test
    void loadFindsAGeneratedSet() {
        Path dir = tmp.resolve("tls");
        assertThat(StateServerCertificates.load(dir)).isEmpty();
        StateServerCertificates generated = StateServerCertificates.generate(dir, "juju-state");

        StateServerCertificates loaded = StateServerCertificates.load(dir).orElseThrow();

        assertThat(loaded.password()).isEqualTo(generated.password());
        ClientTls tls = loaded.clientTls();
        assertThat(tls.keyStore()).isEqualTo(dir.toAbsolutePath().resolve("client.p12"));
        assertThat(tls.trustStore()).isEqualTo(dir.toAbsolutePath().resolve("client-trust.p12"));
        assertThat(tls.password()).isEqualTo(generated.password());
        assertThat(loaded.serverKeyStore()).isEqualTo(dir.toAbsolutePath().resolve("server.p12"));
        assertThat(loaded.serverTrustStore()).isEqualTo(dir.toAbsolutePath().resolve("server-trust.p12"));
    }

    @Test
    void generateKeepsACompleteSet() throws Exception {
        Path dir = tmp.resolve("tls");
        StateServerCertificates first = StateServerCertificates.generate(dir, "juju-state");
        byte[] serverStore = Files.readAllBytes(first.serverKeyStore());

        StateServerCertificates again = StateServerCertificates.generate(dir, "juju-state");

        assertThat(again.password()).isEqualTo(first.password());
        assertThat(Files.readAllBytes(again.serverKeyStore())).isEqualTo(serverStore);
    }

    @Test
    void generateReplacesAPartialSet() throws Exception {
        Path dir = tmp.resolve("tls");
        StateServerCertificates first = StateServerCertificates.generate(dir, "juju-state");
        byte[] serverStore = Files.readAllBytes(first.serverKeyStore());
        Files.delete(dir.resolve("client-trust.p12"));
        assertThat(StateServerCertificates.load(dir)).isEmpty();

        StateServerCertificates again = StateServerCertificates.generate(dir, "juju-state");

        assertThat(again.password()).isNotEqualTo(first.password());
        assertThat(Files.readAllBytes(again.serverKeyStore())).isNotEqualTo(serverStore);
        assertThat(StateServerCertificates.load(dir)).isPresent();
    }

    @Test
    void aWrongPasswordMakesTheSetPartial() throws Exception {
        Path dir = tmp.resolve("tls");
        StateServerCertificates.generate(dir, "juju-state");
        Files.writeString(dir.resolve("password"), "not-the-password");

        assertThat(StateServerCertificates.load(dir)).isEmpty();
    }

    private static KeyStore open(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
