package org.juju.provider.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Asks whether the charm storage daemon serves at an address: a {@code HEAD /} answered (with any
 * status) by a server that names itself {@value StorageHandler#SERVER_NAME}. A refused connection,
 * silence within the timeout or another server (one that took the port of a dead daemon) means it
 * does not serve (yet). It speaks HTTP/1.0 over a plain socket, which keeps an HTTP client library
 * off the client's start-up.
 */
final class StorageProbe {
    private static final int MAX_HEADER_BYTES = 8192;
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private StorageProbe() {
    }

    /** True if the charm storage daemon answers at {@code address} within {@code timeout}. */
    static boolean serves(StorageAddress address, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), millis);
            socket.setSoTimeout(millis);
            socket.getOutputStream().write(("HEAD / HTTP/1.0\r\nHost: " + address + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String header = readHeader(socket.getInputStream()).toLowerCase(Locale.ROOT);
            return header.startsWith("http/1.") && header.contains("\nserver: " + StorageHandler.SERVER_NAME + "\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    /** The response up to the blank line that ends its header (or its end, or 8 KiB). */
    private static String readHeader(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int matched = 0; // bytes of HEADER_END just read
        int b;
        while (matched < HEADER_END.length && header.size() < MAX_HEADER_BYTES && (b = in.read()) >= 0) {
            header.write(b);
            matched = b == HEADER_END[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return header.toString(StandardCharsets.US_ASCII);
    }
}
