package org.juju.agents.hook;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.juju.state.error.ConflictException;
import org.juju.state.error.ErrorCode;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.JujuException;

/** Binding the tool server's socket: refusing a live one, replacing a stale one, mode 0600. */
final class UnixSockets {
    /** sun_path holds 108 bytes on Linux, the terminating NUL included. */
    static final int MAX_PATH_BYTES = 107;

    private UnixSockets() {
    }

    /**
     * Binds a listening socket at {@code path}, readable and writable by the owner only. A socket
     * file left by a dead server is replaced; a live one, or any other kind of file, is refused.
     * The mode is set just after binding, so the socket belongs in a directory only the agent can
     * enter (the file is briefly subject to the umask).
     */
    static ServerSocketChannel bind(Path path) {
        Path socket = path.toAbsolutePath();
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new InvalidInputException("socket path too long (over " + MAX_PATH_BYTES + " bytes): " + socket);
        }
        removeStale(socket);
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket), 64);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            return server;
        } catch (IOException e) {
            closeQuietly(server);
            throw new JujuException(ErrorCode.INTERNAL, "cannot listen on " + socket + ": " + e.getMessage(), e);
        }
    }

    private static void removeStale(Path socket) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return; // nothing there (or unreadable, which bind reports)
        }
        if (!attributes.isOther()) {
            throw new ConflictException("cannot listen on " + socket + ": it exists and is not a socket");
        }
        boolean live;
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            live = probe.isConnected();
        } catch (IOException refused) {
            live = false; // a socket file nobody listens on: left by a server that died
        }
        if (live) {
            throw new ConflictException("cannot listen on " + socket + ": another server is listening there");
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new JujuException(ErrorCode.INTERNAL, "cannot remove stale socket " + socket + ": " + e.getMessage(), e);
        }
    }

    static void closeQuietly(java.io.Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // closing is best effort: nothing more can be done with it
            }
        }
    }
}
