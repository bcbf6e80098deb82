package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.juju.state.error.ProviderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apt-cacher-ng as a real supervised process (skipped where it is not installed). */
class AptCacheTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LOOPBACK = "127.0.0.1";

    @TempDir
    Path tmp;

    private DataDirLayout layout;
    private Path cacheDir;
    private AptCache cache;

    @BeforeEach
    void setUp() throws Exception {
        AptCache.Availability availability = AptCache.available();
        Assumptions.assumeTrue(availability.available(), () -> "apt-cacher-ng tests skipped: " + availability.reason());
        layout = new DataDirLayout(Files.createDirectories(tmp.resolve("data")));
        cacheDir = tmp.resolve("cache");
        cache = cacheOnPort(0);
    }

    @AfterEach
    void tearDown() {
        if (cache != null) {
            cache.stop(Duration.ofSeconds(10));
            assertThat(TestTree.processesUnder(layout.dataDir())).as("processes left").isEmpty();
        }
    }

    private AptCache cacheOnPort(int port) {
        return new AptCache("dev", layout, new SupervisedAgents(TestDaemons.classpath(), layout.agentsLockFile()),
                LOOPBACK, port, cacheDir, HostAptSources.Mirrors.DEFAULT);
    }

    @Test
    void servesOnTheGivenAddressOnlyWithItsOwnConfiguration() throws Exception {
        String address = cache.awaitServing(cache.start(), WAIT);
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));

        assertThat(address).startsWith(LOOPBACK + ":");
        assertThat(port).isBetween(1, AptCacheConfig.MAX_PORT);
        assertThat(cache.address()).contains(address);
        assertThat(layout.aptCacheAddressFile()).hasContent(address + "\n");
        assertThat(layout.aptCacheLastPortFile()).hasContent(port + "\n");
        assertThat(Files.readString(layout.aptCacheConfigDir().resolve(AptCacheConfig.CONF_FILE)))
                .contains("CacheDir: " + cacheDir + "\n", "LogDir: " + layout.aptCacheLogDir() + "\n",
                        "BindAddress: 127.0.0.1\n", "Port: " + port + "\n", "ForeGround: 1\n");
        assertThat(listeners(port)).as("listening sockets on port %d (/proc/net/tcp*)", port)
                .containsExactly("0100007F");
        assertThat(daemon().info().commandLine()).hasValueSatisfying(line -> assertThat(line)
                .isEqualTo(AptCache.EXECUTABLE + " -c " + layout.aptCacheConfigDir()));
        assertThat(layout.aptCacheLogDir().resolve("apt-cacher.err")).exists();
    }

    @Test
    void startingAgainKeepsTheRunningDaemon() {
        String address = cache.awaitServing(cache.start(), WAIT);
        ProcessHandle daemon = daemon();

        AptCache.Start again = cache.start();

        assertThat(again.launched()).isFalse();
        assertThat(cache.awaitServing(again, WAIT)).isEqualTo(address);
        assertThat(daemon()).isEqualTo(daemon);
    }

    @Test
    void aKilledDaemonIsRestartedOnItsPort() throws Exception {
        String address = cache.awaitServing(cache.start(), WAIT);
        ProcessHandle killed = daemon();

        killed.destroyForcibly();

        await().atMost(WAIT).until(() -> !killed.isAlive());
        await().atMost(WAIT).until(() -> AptCache.serves(address, Duration.ofSeconds(1)));
        assertThat(daemon().pid()).isNotEqualTo(killed.pid());
        assertThat(cache.address()).contains(address);
        assertThat(Files.readString(layout.aptCacheDir().resolve(AptCache.OUTPUT_FILE)))
                .contains("supervisor: agent exited with status 137; restarting in 1 s");
    }

    @Test
    void aStoppedCacheComesBackOnItsLastPort() {
        String address = cache.awaitServing(cache.start(), WAIT);
        cache.stop(Duration.ofSeconds(10));

        AptCache.Start again = cache.start();

        assertThat(again.launched()).isTrue();
        assertThat(cache.awaitServing(again, WAIT)).isEqualTo(address);
    }

    @Test
    void stopEndsTheDaemonAndItsSupervisorAndForgetsTheAddress() {
        cache.awaitServing(cache.start(), WAIT);
        ProcessHandle daemon = daemon();

        assertThat(cache.stop(Duration.ofSeconds(10))).isTrue();

        assertThat(ProcessTree.isRunning(daemon)).isFalse();
        assertThat(SupervisedAgents.running(layout.aptCacheDir())).isEmpty();
        assertThat(TestTree.processesUnder(layout.dataDir())).isEmpty();
        assertThat(cache.address()).isEmpty();
        assertThat(cache.stop(Duration.ofSeconds(10))).as("second stop").isFalse();
    }

    @Test
    void aPortInUseFailsTheWaitWithAptCacherNgsComplaint() throws Exception {
        try (ServerSocket taken = bindUsablePort()) {
            cache = cacheOnPort(taken.getLocalPort());

            AptCache.Start start = cache.start();

            assertThatThrownBy(() -> cache.awaitServing(start, Duration.ofSeconds(3)))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageStartingWith("the apt cache did not serve within 3 s: ")
                    .hasMessageContaining("No listening socket(s) could be created")
                    .hasMessageEndingWith("; see " + layout.aptCacheDir().resolve(AptCache.OUTPUT_FILE));
        }
    }

    @Test
    void fetchesDebianThroughTheCacheIntoTheCacheDirectory() throws Exception {
        String address = cache.awaitServing(cache.start(), WAIT);
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
        Proxy proxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(LOOPBACK, port));
        // the test talks to 127.0.0.1 only; the cache talks to the mirror
        HttpURLConnection connection = (HttpURLConnection) URI
                .create("http://deb.debian.org/debian/dists/bookworm/InRelease").toURL().openConnection(proxy);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(120_000);
        int status = connection.getResponseCode();
        Assumptions.assumeFalse(status >= 502 && status <= 504,
                () -> "the cache cannot reach deb.debian.org from here: " + status + " " + responseMessage(connection));
        byte[] body;
        try (InputStream in = connection.getInputStream()) {
            body = in.readAllBytes();
        }

        assertThat(status).isEqualTo(200);
        assertThat(new String(body, StandardCharsets.UTF_8)).startsWith("-----BEGIN PGP SIGNED MESSAGE-----");
        Path cached = cacheDir.resolve("debrep/dists/bookworm/InRelease");
        await().atMost(WAIT).untilAsserted(() -> assertThat(cached).exists().hasSize(body.length));
    }

    /** apt-cacher-ng below its supervisor. */
    private ProcessHandle daemon() {
        ProcessHandle supervisor = SupervisedAgents.running(layout.aptCacheDir()).orElseThrow();
        return supervisor.descendants().filter(ProcessTree::isRunning)
                .filter(p -> p.info().command().map(c -> c.equals(AptCache.EXECUTABLE.toString())).orElse(false))
                .findFirst().orElseThrow();
    }

    /** The local addresses (as /proc/net/tcp* write them) of the sockets listening on {@code port}. */
    private static List<String> listeners(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[3].equals("0A") && fields[1].endsWith(":" + hexPort)) {
                    addresses.add(fields[1].substring(0, fields[1].indexOf(':')));
                }
            }
        }
        return addresses;
    }

    /** A socket listening on 127.0.0.1 at a port apt-cacher-ng could use. */
    private static ServerSocket bindUsablePort() throws IOException {
        for (int port = 24000; port <= AptCacheConfig.MAX_PORT; port++) {
            ServerSocket socket = new ServerSocket();
            try {
                socket.bind(new InetSocketAddress(LOOPBACK, port));
                return socket;
            } catch (IOException e) {
                socket.close();
            }
        }
        throw new IOException("no free port between 24000 and " + AptCacheConfig.MAX_PORT);
    }

    private static String responseMessage(HttpURLConnection connection) {
        try {
            return connection.getResponseMessage();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
