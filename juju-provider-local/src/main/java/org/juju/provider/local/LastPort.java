package org.juju.provider.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.slf4j.Logger;

/**
 * The port a daemon of the data directory bound last, recorded in a small file so that the daemon,
 * restarted, can take the same port again when it is free and its clients keep working.
 */
final class LastPort {
    private LastPort() {
    }

    /**
     * The port recorded in {@code file} if a bind probe on {@code host} finds it free; empty if none
     * is recorded (or the file does not hold a port number), and empty with a warning logged if it
     * is in use. The probe keeps a daemon from binding a taken port half-way (some servers leave an
     * open, unbound channel behind then); a port taken between probe and bind must still be handled
     * by the caller.
     */
    static OptionalInt reusable(Path file, String host, Logger log) {
        OptionalInt last = read(file);
        if (last.isPresent() && !looksFree(host, last.getAsInt())) {
            log.warn("last port {} is in use; picking a free port", last.getAsInt());
            return OptionalInt.empty();
        }
        return last;
    }

    /** The port recorded in {@code file}; empty if there is none or it is not a port number. */
    static OptionalInt read(Path file) {
        String text = DataDirLayout.readSmall(file).orElse("");
        try {
            int port = Integer.parseInt(text);
            return port > 0 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Records {@code port} in {@code file}, atomically. */
    static void write(Path file, int port) throws IOException {
        DataDirLayout.writeAtomically(file, port + "\n");
    }

    /**
     * True if {@code port} can be bound on {@code host} now (a probe: another process may take it
     * before the daemon binds it).
     */
    static boolean looksFree(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
