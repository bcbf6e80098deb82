package org.juju.provider;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The TLS material a client presents to an environment's secure ZooKeeper port: its own key pair
 * and certificate ({@code keyStore}) and the one server certificate it trusts ({@code trustStore}),
 * both PKCS12 files protected by {@code password}. Trust is pinned to that certificate, so the
 * server's host name is not verified. {@link #toString()} does not show the password.
 */
public record ClientTls(Path keyStore, Path trustStore, String password) {
    public ClientTls {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "ClientTls[keyStore=" + keyStore + ", trustStore=" + trustStore + ", password=***]";
    }
}
