package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The charm storage's HTTP server, in this JVM. */
class StorageServerTest {
    private static final Logger LOG = LoggerFactory.getLogger(StorageServerTest.class);
    private static final String KEY = "local_3a_bookworm_2f_kvstore-1-86f6.charm";

    @TempDir
    Path tmp;

    private Path storageDir;
    private Path lastPortFile;

    @BeforeEach
    void directories() throws IOException {
        storageDir = Files.createDirectories(tmp.resolve("data/storage"));
        lastPortFile = tmp.resolve("data/storage.last-port");
    }

    private StorageServer start(int port) throws IOException {
        return StorageServer.start(storageDir, "127.0.0.1", port, lastPortFile, LOG);
    }

    @Nested
    class Serving {
        private StorageServer server;

        @BeforeEach
        void startServer() throws IOException {
            server = start(0);
        }

        @AfterEach
        void stopServer() {
            server.close();
        }

        private URI url(String key) {
            return server.address().objectUrl(key);
        }

        @Test
        void servesAStoredObjectByteForByte() throws Exception {
            byte[] bundle = new byte[300_000];
            new Random(7).nextBytes(bundle);
            String stored = new LocalCharmStorage(storageDir, () -> Optional.of(server.address()))
                    .put(KEY, Files.write(tmp.resolve("kvstore.charm"), bundle));

            HttpResponse<byte[]> response = TestHttp.get(URI.create(stored));

            assertThat(stored).isEqualTo("http://127.0.0.1:" + server.address().port() + "/" + KEY);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(bundle);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
            assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(bundle.length);
            assertThat(response.headers().firstValue("Server")).contains(StorageHandler.SERVER_NAME);
        }

        @Test
        void headGivesTheLengthWithoutTheBody() throws Exception {
            Files.writeString(storageDir.resolve(KEY), "twelve bytes");

            HttpResponse<byte[]> response = TestHttp.send("HEAD", url(KEY));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(12);
            assertThat(response.body()).isEmpty();
        }

        @Test
        void servesAnEmptyObject() throws Exception {
            Files.write(storageDir.resolve(KEY), new byte[0]);

            HttpResponse<byte[]> response = TestHttp.get(url(KEY));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
        }

        @Test
        void keysAreDecodedLikeAnyUrlPath() throws Exception {
            String key = "odd name%20+é.charm";
            byte[] bundle = {1, 2, 3};
            String stored = new LocalCharmStorage(storageDir, () -> Optional.of(server.address()))
                    .put(key, Files.write(tmp.resolve("odd.charm"), bundle));

            HttpResponse<byte[]> response = TestHttp.get(URI.create(stored));

            assertThat(stored).endsWith("/odd%20name%2520+%C3%A9.charm");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(bundle);
        }

        @Test
        void aMissingObjectIsNotFound() throws Exception {
            assertThat(TestHttp.get(url("nothing.charm")).statusCode()).isEqualTo(404);
            assertThat(TestHttp.send("HEAD", url("nothing.charm")).statusCode()).isEqualTo(404);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/..", "/../secret", "/%2e%2e", "/%2e%2e/secret", "/%2E%2E%2Fsecret", "/a/b",
                "/a%2fb", "/.hidden", "/", "//a/b", "/storage/../secret"})
        void anythingButAPlainFileNameIsNotFound(String target) throws Exception {
            Files.writeString(tmp.resolve("data/secret"), "outside the storage");
            Files.createDirectories(storageDir.resolve("a"));
            Files.writeString(storageDir.resolve("a/b"), "below the storage");
            Files.writeString(storageDir.resolve(".hidden"), "a temporary file");

            assertThat(TestHttp.rawStatusLine(server.address(), "GET", target)).startsWith("HTTP/1.1 404 ");
            assertThat(TestHttp.rawStatusLine(server.address(), "HEAD", target)).startsWith("HTTP/1.1 404 ");
        }

        @Test
        void aDirectoryIsNotFound() throws Exception {
            Files.createDirectories(storageDir.resolve("dir.charm"));

            assertThat(TestHttp.get(url("dir.charm")).statusCode()).isEqualTo(404);
        }

        @Test
        void aSymbolicLinkIsNotFollowed() throws Exception {
            Path secret = Files.writeString(tmp.resolve("data/secret"), "outside the storage");
            Files.createSymbolicLink(storageDir.resolve("link.charm"), secret);

            assertThat(TestHttp.get(url("link.charm")).statusCode()).isEqualTo(404);
        }

        @ParameterizedTest
        @ValueSource(strings = {"PUT", "POST", "DELETE"})
        void writingMethodsAreNotAllowed(String method) throws Exception {
            Files.writeString(storageDir.resolve(KEY), "original");

            HttpResponse<byte[]> response = TestHttp.send(method, url(KEY));

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
            assertThat(TestHttp.rawStatusLine(server.address(), method, "/new.charm")).startsWith("HTTP/1.1 405 ");
            assertThat(storageDir.resolve(KEY)).hasContent("original");
            assertThat(storageDir.resolve("new.charm")).doesNotExist();
        }
    }

    @Nested
    class Ports {
        @Test
        void recordsThePortItBound() throws IOException {
            try (StorageServer server = start(0)) {
                assertThat(server.address().host()).isEqualTo("127.0.0.1");
                assertThat(LastPort.read(lastPortFile)).hasValue(server.address().port());
            }
        }

        @Test
        void aRestartTakesTheLastPortAgain() throws IOException {
            int first;
            try (StorageServer server = start(0)) {
                first = server.address().port();
            }

            try (StorageServer again = start(0)) {
                assertThat(again.address().port()).isEqualTo(first);
            }
        }

        @Test
        void aRestartPicksAnotherPortWhenTheLastOneIsTaken() throws IOException {
            int first;
            try (StorageServer server = start(0)) {
                first = server.address().port();
            }

            try (ServerSocket squatter = new ServerSocket(first, 1, InetAddress.getByName("127.0.0.1"));
                 StorageServer again = start(0)) {
                assertThat(squatter.getLocalPort()).isEqualTo(first);
                assertThat(again.address().port()).isNotEqualTo(first).isPositive();
                assertThat(LastPort.read(lastPortFile)).hasValue(again.address().port());
            }
        }

        @Test
        void aTakenExplicitPortFailsNamingIt() throws IOException {
            try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                assertThatThrownBy(() -> start(squatter.getLocalPort()))
                        .isInstanceOf(BindException.class)
                        .hasMessageStartingWith("cannot listen on /127.0.0.1:" + squatter.getLocalPort());
            }
        }
    }
}
