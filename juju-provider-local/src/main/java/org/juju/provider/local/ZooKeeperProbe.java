package org.juju.provider.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks a ZooKeeper server whether it serves, with the {@code ruok} four-letter command (the one
 * command {@link ZooKeeperDaemon} enables). A server answers {@code imok}; anything else, a refused
 * connection or silence within the timeout means it does not serve (yet).
 */
final class ZooKeeperProbe {
    private ZooKeeperProbe() {
    }

    /** True if a ZooKeeper server at {@code address} answers {@code imok} within {@code timeout}. */
    static boolean serves(ZooKeeperAddress address, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), millis);
            socket.setSoTimeout(millis);
            socket.getOutputStream().write("ruok".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return "imok".equals(readUpTo(socket.getInputStream(), 4));
        } catch (IOException e) {
            return false;
        }
    }

    private static String readUpTo(InputStream in, int count) throws IOException {
        byte[] buffer = new byte[count];
        int read = 0;
        while (read < count) {
            int n = in.read(buffer, read, count - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return new String(buffer, 0, read, StandardCharsets.US_ASCII);
    }
}
