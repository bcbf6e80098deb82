package org.juju.provider.local;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a ZooKeeper daemon listens. {@link #toString()} gives the {@code host:port} form used in the
 * address file and as a ZooKeeper connect string.
 *
 * @param host a host name or IPv4/IPv6 literal (IPv6 without brackets)
 * @param port 1..65535
 */
public record ZooKeeperAddress(String host, int port) {
    public ZooKeeperAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Parses {@code host:port} (the host may itself contain colons, as IPv6 literals do: the port is
     * what follows the last colon). Empty for anything malformed.
     */
    public static Optional<ZooKeeperAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            return Optional.empty();
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(trimmed.substring(colon + 1));
            return port >= 1 && port <= 65535 && !host.isBlank()
                    ? Optional.of(new ZooKeeperAddress(host, port)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The connect string, {@code host:port} ({@code [host]:port} for IPv6 literals). */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
