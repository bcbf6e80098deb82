package org.juju.provider;

import java.util.Locale;
import org.juju.state.error.InvalidInputException;

/** A port and protocol, written {@code 80/tcp}. Parses {@code N}, {@code N/tcp}, {@code N/TCP}, {@code N/udp}. */
public record Port(int number, String protocol) implements Comparable<Port> {
    public Port {
        if (number < 1 || number > 65535) {
            throw new InvalidInputException("invalid port " + number + ": expected 1 to 65535");
        }
        protocol = protocol.toLowerCase(Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new InvalidInputException("invalid protocol '" + protocol + "': expected tcp or udp");
        }
    }

    /** Parses {@code N[/tcp|/udp]} (case-insensitive protocol, tcp by default). */
    public static Port parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
        if (parts.length < 1 || parts.length > 2 || !parts[0].matches("\\d{1,5}")) {
            throw new InvalidInputException("invalid port '" + text + "': expected PORT or PORT/PROTOCOL, e.g. 80/tcp");
        }
        return new Port(Integer.parseInt(parts[0]), parts.length == 2 ? parts[1] : "tcp");
    }

    @Override
    public int compareTo(Port other) {
        int byNumber = Integer.compare(number, other.number);
        return byNumber != 0 ? byNumber : protocol.compareTo(other.protocol);
    }

    @Override
    public String toString() {
        return number + "/" + protocol;
    }
}
