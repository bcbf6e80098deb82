package org.juju.provider;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an environment's ZooKeeper runs, as a ZooKeeper connect string ({@code host:port[,...]}),
 * and, when that port requires TLS with a client certificate, the client's TLS material.
 * {@link #toString()} shows no secrets.
 */
public record StateServer(String connectString, Optional<ClientTls> tls) {
    public StateServer {
        Objects.requireNonNull(connectString, "connectString");
        Objects.requireNonNull(tls, "tls");
    }

    /** A plain (no TLS) server. */
    public StateServer(String connectString) {
        this(connectString, Optional.empty());
    }

    @Override
    public String toString() {
        return "StateServer[" + connectString + (tls.isPresent() ? " (TLS)" : "") + "]";
    }
}
