package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class StorageProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path tmp;

    @Test
    void theStorageServerServes() throws IOException {
        try (StorageServer server = StorageServer.start(Files.createDirectories(tmp.resolve("storage")), "127.0.0.1", 0,
                tmp.resolve("storage.last-port"), LoggerFactory.getLogger(StorageProbeTest.class))) {
            assertThat(StorageProbe.serves(server.address(), TIMEOUT)).isTrue();
        }
    }

    @Test
    void anotherServerOnThePortDoesNot() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread answering = new Thread(() -> {
                try (Socket client = other.accept()) {
                    client.getInputStream().read(new byte[512]);
                    client.getOutputStream().write("HTTP/1.1 404 Not Found\r\nServer: other\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the probe went away
                }
            });
            answering.start();

            assertThat(StorageProbe.serves(new StorageAddress("127.0.0.1", other.getLocalPort()), TIMEOUT)).isFalse();
            answering.join(TIMEOUT.toMillis());
        }
    }

    @Test
    void nothingListeningDoesNot() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = closed.getLocalPort();
        }

        assertThat(StorageProbe.serves(new StorageAddress("127.0.0.1", port), TIMEOUT)).isFalse();
    }

    @Test
    void silenceDoesNotWithinTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            long started = System.nanoTime();

            assertThat(StorageProbe.serves(new StorageAddress("127.0.0.1", silent.getLocalPort()),
                    Duration.ofMillis(300))).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
        }
    }
}
