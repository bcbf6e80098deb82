package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.juju.state.error.ProviderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charm storage daemon as a real supervised process. */
class CharmStorageProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = "local_3a_bookworm_2f_kvstore-1-86f6.charm";

    @TempDir
    Path tmp;

    private DataDirLayout layout;
    private CharmStorageProcess storage;

    @BeforeEach
    void setUp() throws Exception {
        layout = new DataDirLayout(Files.createDirectories(tmp.resolve("data")));
        storage = new CharmStorageProcess("dev", layout,
                new SupervisedAgents(TestDaemons.classpath(), layout.agentsLockFile()), "127.0.0.1");
    }

    @AfterEach
    void tearDown() {
        storage.stop(Duration.ofSeconds(10));
        assertThat(TestTree.processesUnder(layout.dataDir())).as("processes left").isEmpty();
    }

    private LocalCharmStorage charmStorage() {
        return new LocalCharmStorage(layout.storageDir(), () -> CharmStorageProcess.address(layout));
    }

    private Path log() {
        return layout.storageDaemonDir().resolve(CharmStorageProcess.OUTPUT_FILE);
    }

    @Test
    void theStartedDaemonServesWhatIsPutAndLogsEachRequest() throws Exception {
        StorageAddress address = storage.awaitServing(storage.start(), WAIT);
        byte[] bundle = new byte[100_000];
        new Random(3).nextBytes(bundle);

        String url = charmStorage().put(KEY, Files.write(tmp.resolve("kvstore.charm"), bundle));

        assertThat(address.host()).isEqualTo("127.0.0.1");
        assertThat(layout.storageAddressFile()).hasContent(address + "\n");
        assertThat(url).isEqualTo("http://" + address + "/" + KEY);
        assertThat(TestHttp.get(URI.create(url)).body()).isEqualTo(bundle);
        assertThat(TestHttp.get(address.objectUrl("missing.charm")).statusCode()).isEqualTo(404);
        await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(log()))
                .contains("is serving at " + address)
                .containsPattern("GET /" + KEY + " 200 100000 bytes \\d+ ms from 127\\.0\\.0\\.1\n")
                .containsPattern("GET /missing.charm 404 0 bytes \\d+ ms from 127\\.0\\.0\\.1\n"));
    }

    @Test
    void startingAgainKeepsTheRunningDaemon() {
        StorageAddress address = storage.awaitServing(storage.start(), WAIT);
        ProcessHandle daemon = daemon();

        CharmStorageProcess.Start again = storage.start();

        assertThat(again.launched()).isFalse();
        assertThat(storage.awaitServing(again, WAIT)).isEqualTo(address);
        assertThat(daemon()).isEqualTo(daemon);
    }

    @Test
    void aKilledDaemonIsRestartedOnItsPort() throws Exception {
        StorageAddress address = storage.awaitServing(storage.start(), WAIT);
        String url = charmStorage().put(KEY, Files.writeString(tmp.resolve("kvstore.charm"), "bundle"));
        ProcessHandle killed = daemon();

        killed.destroyForcibly();

        await().atMost(WAIT).until(() -> !killed.isAlive());
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(TestHttp.get(URI.create(url)).body()).asString().isEqualTo("bundle"));
        assertThat(daemon().pid()).isNotEqualTo(killed.pid());
        assertThat(CharmStorageProcess.address(layout)).contains(address);
        assertThat(Files.readString(log())).contains("supervisor: agent exited with status 137; restarting in 1 s");
    }

    @Test
    void aRestartAfterEverythingDiedWaitsForTheNewDaemon() {
        StorageAddress address = storage.awaitServing(storage.start(), WAIT);
        ProcessHandle supervisor = SupervisedAgents.running(layout.storageDaemonDir()).orElseThrow();
        TestTree.processesUnder(layout.dataDir()).forEach(ProcessHandle::destroyForcibly);
        await().atMost(WAIT).until(() -> TestTree.processesUnder(layout.dataDir()).isEmpty());

        CharmStorageProcess.Start again = storage.start();

        assertThat(again.launched()).isTrue();
        assertThat(storage.awaitServing(again, WAIT)).isEqualTo(address);
        assertThat(SupervisedAgents.running(layout.storageDaemonDir()).orElseThrow()).isNotEqualTo(supervisor);
    }

    @Test
    void aDaemonThatCannotServeFailsTheWaitWithItsError() throws Exception {
        Files.writeString(layout.storageDir(), "a file where the storage directory should be");

        CharmStorageProcess.Start start = storage.start();

        assertThatThrownBy(() -> storage.awaitServing(start, Duration.ofSeconds(3)))
                .isInstanceOf(ProviderException.class)
                .hasMessageStartingWith("the charm storage did not serve within 3 s: ")
                .hasMessageContaining("ERROR StorageDaemon: charm storage daemon failed: "
                        + "java.nio.file.FileAlreadyExistsException: " + layout.storageDir())
                .hasMessageEndingWith("; see " + log());
    }

    @Test
    void stopEndsTheDaemonAndItsSupervisor() {
        storage.awaitServing(storage.start(), WAIT);
        ProcessHandle daemon = daemon();

        assertThat(storage.stop(Duration.ofSeconds(10))).isTrue();

        assertThat(daemon.isAlive()).isFalse();
        assertThat(SupervisedAgents.running(layout.storageDaemonDir())).isEmpty();
        assertThat(TestTree.processesUnder(layout.dataDir())).isEmpty();
        assertThat(storage.stop(Duration.ofSeconds(10))).as("second stop").isFalse();
    }

    /** The daemon's JVM, below its supervisor. */
    private ProcessHandle daemon() {
        ProcessHandle supervisor = SupervisedAgents.running(layout.storageDaemonDir()).orElseThrow();
        return TestTree.jvmsBelow(supervisor, StorageDaemon.class.getName()).get(0);
    }
}
