package org.juju.provider.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Answers the requests of {@link StorageServer}: {@code GET} and {@code HEAD} of {@code /KEY} give
 * the file {@code KEY} of the storage directory (200, {@code Content-Length}, {@code
 * application/octet-stream}); a key that {@link StorageKeys} refuses (after percent-decoding), a
 * missing object and anything but a regular file give 404; other methods 405. Every response
 * carries {@code Server: juju-charm-storage}. Each request is logged as one line: method, path,
 * status, bytes sent, milliseconds and the client's address.
 *
 * <p>Thread-safe: it keeps no state, and a file replaced while it is being sent (stores are atomic
 * renames) is sent whole, as it was when it was opened.
 */
final class StorageHandler implements HttpHandler {
    /** The value of the {@code Server} header, by which the daemon is told from other servers. */
    static final String SERVER_NAME = "juju-charm-storage";
    private static final int NOT_FOUND = 404;
    private static final int NOT_ALLOWED = 405;
    private static final int OK = 200;
    /** For sendResponseHeaders: no body follows. */
    private static final long NO_BODY = -1;

    private final Path directory;
    private final Logger log;

    StorageHandler(Path directory, Logger log) {
        this.directory = directory;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try (exchange) {
            Answer answer = answer(exchange, method);
            log.info("{} {} {} {} bytes {} ms from {}", method, path, answer.status(), answer.bytes(),
                    (System.nanoTime() - started) / 1_000_000, client(exchange.getRemoteAddress()));
        } catch (IOException | RuntimeException e) {
            log.warn("{} {} failed after {} ms from {}: {}", method, path, (System.nanoTime() - started) / 1_000_000,
                    client(exchange.getRemoteAddress()), e.toString());
            throw e;
        }
    }

    /** The status sent and the bytes of body sent. */
    private record Answer(int status, long bytes) {
    }

    /** Answers the request; a request body is left unread (closing the exchange discards it). */
    private Answer answer(HttpExchange exchange, String method) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Server", SERVER_NAME);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            headers.set("Allow", "GET, HEAD");
            exchange.sendResponseHeaders(NOT_ALLOWED, NO_BODY);
            return new Answer(NOT_ALLOWED, 0);
        }
        Optional<FileChannel> object = open(exchange.getRequestURI().getPath());
        if (object.isEmpty()) {
            exchange.sendResponseHeaders(NOT_FOUND, NO_BODY);
            return new Answer(NOT_FOUND, 0);
        }
        try (FileChannel file = object.get()) {
            long size = file.size();
            headers.set("Content-Type", "application/octet-stream");
            if (method.equals("HEAD")) {
                // the server sends no length of its own for HEAD: it is set by hand
                headers.set("Content-Length", Long.toString(size));
                exchange.sendResponseHeaders(OK, NO_BODY);
                return new Answer(OK, 0);
            }
            // a length of 0 would mean chunked: an empty object is sent as "no body"
            exchange.sendResponseHeaders(OK, size == 0 ? NO_BODY : size);
            try (OutputStream body = exchange.getResponseBody()) {
                return new Answer(OK, Channels.newInputStream(file).transferTo(body));
            }
        }
    }

    /** The regular file that {@code path} (decoded, {@code /KEY}) names, opened; empty if none. */
    private Optional<FileChannel> open(String path) throws IOException {
        if (path == null || !path.startsWith("/") || !StorageKeys.isValid(path.substring(1))) {
            return Optional.empty();
        }
        Path file = directory.resolve(path.substring(1));
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static String client(InetSocketAddress address) {
        return address == null || address.getAddress() == null ? "?" : address.getAddress().getHostAddress();
    }
}
