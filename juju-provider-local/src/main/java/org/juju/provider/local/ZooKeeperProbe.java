package org.juju.provider.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a ZooKeeper server about itself with four-letter commands: {@code ruok} (whether it runs,
 * the one command {@link ZooKeeperDaemon} enables) and {@code srvr} (its role in an ensemble, which
 * {@link EnsembleServer}s also answer). A refused connection or silence within the timeout counts
 * as no answer.
 */
final class ZooKeeperProbe {
    private static final int MAX_ANSWER = 4096;

    private ZooKeeperProbe() {
    }

    /** True if a ZooKeeper server at {@code address} answers {@code imok} within {@code timeout}. */
    static boolean serves(ZooKeeperAddress address, Duration timeout) {
        return ask(address, "ruok", 4, timeout).filter("imok"::equals).isPresent();
    }

    /**
     * The {@code Mode:} a server at {@code address} reports for itself ({@code leader},
     * {@code follower} or {@code standalone}); empty if it does not answer or does not serve (an
     * ensemble member without a quorum answers that it is "not currently serving requests").
     */
    static Optional<String> mode(ZooKeeperAddress address, Duration timeout) {
        return ask(address, "srvr", MAX_ANSWER, timeout).flatMap(answer -> answer.lines()
                .filter(line -> line.startsWith("Mode: "))
                .map(line -> line.substring("Mode: ".length()).trim())
                .findFirst());
    }

    private static Optional<String> ask(ZooKeeperAddress address, String command, int maxBytes, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), millis);
            socket.setSoTimeout(millis);
            socket.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return Optional.of(readUpTo(socket.getInputStream(), maxBytes));
        } catch (IOException e) {
            return Optional.empty();
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
