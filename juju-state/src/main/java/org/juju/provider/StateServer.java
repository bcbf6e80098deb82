package org.juju.provider;

import java.util.Objects;

/**
 * Where an environment's ZooKeeper runs, as a ZooKeeper connect string ({@code host:port[,...]}).
 */
public record StateServer(String connectString) {
    public StateServer {
        Objects.requireNonNull(connectString, "connectString");
    }
}
