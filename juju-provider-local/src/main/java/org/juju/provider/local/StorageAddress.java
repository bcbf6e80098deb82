package org.juju.provider.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the charm storage daemon of a local environment serves ({@link StorageDaemon}).
 * {@link #toString()} gives the {@code host:port} form of its address file.
 *
 * @param host a host name or IPv4/IPv6 literal (IPv6 without brackets)
 * @param port 1..65535
 */
record StorageAddress(String host, int port) {
    StorageAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Parses {@code host:port} (the port follows the last colon; an IPv6 host may be in brackets).
     * Empty for anything malformed.
     */
    static Optional<StorageAddress> parse(String text) {
        // the same syntax as the ZooKeeper daemon's address file
        return ZooKeeperAddress.parse(text).map(address -> new StorageAddress(address.host(), address.port()));
    }

    /**
     * The URL of the object {@code key}: {@code http://host:port/key}, with the key percent-encoded
     * where a URL needs it (the daemon decodes it again).
     */
    URI objectUrl(String key) {
        try {
            return new URI("http", null, host, port, "/" + key, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no URL for key '" + StorageKeys.shown(key) + "' at " + this, e);
        }
    }

    /** {@code host:port} ({@code [host]:port} for IPv6 literals). */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
