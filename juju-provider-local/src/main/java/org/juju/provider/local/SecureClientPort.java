package org.juju.provider.local;

import java.nio.file.Path;
import java.util.Objects;
import org.juju.state.store.tls.StateServerCertificates;

/**
 * A second, TLS-only client port of a {@link ZooKeeperDaemon} that requires a client certificate.
 * {@code tlsDir} holds the server's side of a {@link StateServerCertificates} set:
 * {@code server.p12}, {@code server-trust.p12} (the one client certificate accepted) and
 * {@code password}.
 *
 * @param port   the secure port, 1-65535
 * @param tlsDir absolute, normalized directory of the server's TLS files
 */
public record SecureClientPort(int port, Path tlsDir) {
    public SecureClientPort {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid secure port " + port + " (expected 1-65535)");
        }
        tlsDir = Objects.requireNonNull(tlsDir, "tlsDir").toAbsolutePath().normalize();
    }

    Path keyStore() {
        return tlsDir.resolve(StateServerCertificates.SERVER_KEY_STORE);
    }

    Path trustStore() {
        return tlsDir.resolve(StateServerCertificates.SERVER_TRUST_STORE);
    }

    Path passwordFile() {
        return tlsDir.resolve(StateServerCertificates.PASSWORD);
    }
}
