package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.curator.framework.CuratorFramework;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.ProgressListener;
import org.juju.provider.StateServer;
import org.juju.state.error.ProviderException;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProviderTest {
    @TempDir
    Path tmp;

    private final TestDaemons daemons = new TestDaemons();
    private final List<String> progress = new ArrayList<>();
    private final List<LocalProvider> providers = new ArrayList<>();

    @AfterEach
    void destroyEnvironments() {
        try {
            for (LocalProvider provider : providers) {
                if (Files.isRegularFile(provider.localConfig().dataDir().resolve(".juju-environment"))) {
                    provider.destroy(ProgressListener.NONE);
                }
            }
        } finally {
            daemons.stopAll();
        }
        assertThat(TestTree.processesUnder(tmp)).as("processes left running").isEmpty();
    }

    private LocalProvider provider(String name, Path dataDir) {
        return provider(name, dataDir, Map.of());
    }

    private LocalProvider provider(String name, Path dataDir, Map<String, Object> more) {
        Map<String, Object> attributes = new java.util.HashMap<>(more);
        attributes.putAll(Map.of("data-dir", dataDir.toString(), "admin-secret", "s3cret"));
        EnvironmentConfig config = new EnvironmentConfig(name, "local", attributes, Path.of("environments.yaml"));
        LocalProvider provider = new LocalProvider(config, LocalConfig.from(config), daemons.process, TestDaemons.TIMEOUT);
        providers.add(provider);
        return provider;
    }

    @Test
    void bootstrapStartsAPrivateStateServer() throws Exception {
        Path dataDir = daemons.track(tmp.resolve("juju/data/dev"));
        LocalProvider provider = provider("dev", dataDir);
        assertThat(provider.stateServer()).isEmpty();

        StateServer server = provider.bootstrap(progress::add);

        StorageAddress storage = CharmStorageProcess.address(new DataDirLayout(dataDir)).orElseThrow();
        assertThat(progress).containsExactly("started the charm storage", "starting ZooKeeper for environment 'dev'...",
                "ZooKeeper is serving at " + server.connectString(), "started the provisioning agent",
                "started the machine agent of machine 0", "the charm storage is serving at http://" + storage + "/");
        assertThat(server.connectString()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(provider.stateServer()).contains(server);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        try (CuratorFramework client = TestDaemons.connect(server.connectString())) {
            client.create().forPath("/environment", "dev".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void anEnsembleIsBootstrappedHandedToEveryAgentAndDestroyed() throws Exception {
        Path dataDir = daemons.track(tmp.resolve("dev"));
        LocalProvider provider = provider("dev", dataDir, Map.of("zookeeper-servers", 3));

        StateServer server = provider.bootstrap(progress::add);

        assertThat(server.connectString()).matches("127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+");
        assertThat(progress).contains("started 3 of 3 ZooKeeper servers for environment 'dev'; waiting for a quorum...",
                "the ZooKeeper ensemble is serving at " + server.connectString());
        assertThat(provider.stateServer()).contains(server);
        assertThat(ZooKeeperProcess.running(dataDir)).as("no single server").isEmpty();
        assertThat(Files.readString(dataDir.resolve("agents/provisioning").resolve(SupervisorScript.FILE)))
                .as("the provisioning agent gets every server").contains("'" + server.connectString() + "'");
        assertThat(Files.readString(dataDir.resolve("machines/0").resolve(SupervisorScript.FILE)))
                .as("and so does machine 0").contains("'" + server.connectString() + "'");
        try (CuratorFramework client = TestDaemons.connect(server.connectString())) {
            client.create().forPath("/environment", TestDaemons.utf8("dev"));
        }
        progress.clear();
        assertThat(provider.bootstrap(progress::add)).isEqualTo(server);
        assertThat(progress).contains("the 3 ZooKeeper servers of environment 'dev' are already running");
        progress.clear();

        provider.destroy(progress::add);

        assertThat(progress).contains("stopped 3 ZooKeeper server(s) of environment 'dev'");
        assertThat(TestTree.processesUnder(dataDir)).isEmpty();
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aBootstrapAfterAHostRestartBringsBackEveryServerWithItsData() throws Exception {
        Path dataDir = daemons.track(tmp.resolve("dev"));
        LocalProvider provider = provider("dev", dataDir, Map.of("zookeeper-servers", 3));
        StateServer server = provider.bootstrap(progress::add);
        try (CuratorFramework client = TestDaemons.connect(server.connectString())) {
            client.create().forPath("/environment", TestDaemons.utf8("dev"));
        }
        TestTree.processesUnder(dataDir).forEach(ProcessHandle::destroyForcibly); // the host went down
        await().atMost(TestDaemons.TIMEOUT).until(() -> TestTree.processesUnder(dataDir).isEmpty());
        progress.clear();

        assertThat(provider.bootstrap(progress::add)).as("the same ports").isEqualTo(server);

        assertThat(progress).contains("started 3 of 3 ZooKeeper servers for environment 'dev'; waiting for a quorum...",
                "started the provisioning agent", "started the machine agent of machine 0");
        try (CuratorFramework client = TestDaemons.connect(server.connectString())) {
            assertThat(client.getData().forPath("/environment")).isEqualTo(TestDaemons.utf8("dev"));
        }
    }

    @Test
    void theNumberOfServersCannotChangeOnceBootstrapped() throws Exception {
        Path single = daemons.track(tmp.resolve("single"));
        Files.createDirectories(single.resolve("zookeeper"));
        Files.writeString(single.resolve(".juju-environment"), "test\n");
        Path three = daemons.track(tmp.resolve("three"));
        Files.createDirectories(three);
        Files.writeString(three.resolve(".juju-environment"), "test\n");
        Files.writeString(three.resolve("zookeeper-ensemble"), ZooKeeperEnsemble.choose("127.0.0.1", 3).fileText());

        assertThatThrownBy(() -> provider("dev", single, Map.of("zookeeper-servers", 3)).bootstrap(progress::add))
                .isInstanceOf(ProviderException.class)
                .hasMessage("environment 'dev' was bootstrapped with 1 ZooKeeper server, not 3;"
                        + " set zookeeper-servers back to 1");
        assertThatThrownBy(() -> provider("dev", three).bootstrap(progress::add))
                .isInstanceOf(ProviderException.class)
                .hasMessage("environment 'dev' was bootstrapped with 3 ZooKeeper servers, not 1;"
                        + " set zookeeper-servers back to 3");
        assertThatThrownBy(() -> provider("dev", three, Map.of("zookeeper-servers", 5)).bootstrap(progress::add))
                .isInstanceOf(ProviderException.class)
                .hasMessage("environment 'dev' was bootstrapped with 3 ZooKeeper servers, not 5;"
                        + " set zookeeper-servers back to 3");
        assertThat(progress).as("nothing started").isEmpty();
    }

    @Test
    void bootstrapIsIdempotent() {
        Path dataDir = daemons.track(tmp.resolve("dev"));
        LocalProvider provider = provider("dev", dataDir);
        StateServer first = provider.bootstrap(progress::add);
        long pid = ZooKeeperProcess.running(dataDir).orElseThrow().pid();
        progress.clear();

        StateServer second = provider.bootstrap(progress::add);

        assertThat(second).isEqualTo(first);
        assertThat(ZooKeeperProcess.running(dataDir).orElseThrow().pid()).isEqualTo(pid);
        assertThat(progress).containsExactly("the charm storage is already running",
                "ZooKeeper for environment 'dev' is already running",
                "ZooKeeper is serving at " + first.connectString(), "the provisioning agent is already running",
                "the machine agent of machine 0 is already running",
                "the charm storage is serving at http://" + CharmStorageProcess.address(new DataDirLayout(dataDir))
                        .orElseThrow() + "/");
    }

    @Test
    void everyBootstrapHandsTheProvisioningAgentAndMachineZeroTheirIdentities() throws Exception {
        Path dataDir = daemons.track(tmp.resolve("dev"));
        LocalProvider provider = provider("dev", dataDir);
        AgentIdentity provisioning = Identities.provisioningAgent("s3cret");
        AgentIdentity machineZero = Identities.bootstrapMachineAgent("s3cret");
        Path provisioningFile = dataDir.resolve("agents/provisioning").resolve(Credential.FILE_NAME);
        Path machineZeroFile = dataDir.resolve("machines/0").resolve(Credential.FILE_NAME);

        provider.bootstrap(progress::add);

        TestCredentials.assertHandedTo(provisioningFile.getParent(), provisioning);
        TestCredentials.assertHandedTo(machineZeroFile.getParent(), machineZero);
        assertThat(Files.getLastModifiedTime(provisioningFile)).as("written before the agent's supervisor started")
                .isLessThanOrEqualTo(Files.getLastModifiedTime(provisioningFile.resolveSibling(SupervisorScript.FILE)));
        assertThat(Files.getLastModifiedTime(machineZeroFile))
                .isLessThanOrEqualTo(Files.getLastModifiedTime(machineZeroFile.resolveSibling(SupervisorScript.FILE)));
        assertThat(String.join("\n", progress)).doesNotContain(provisioning.credential().password())
                .doesNotContain(machineZero.credential().password());
        Files.delete(provisioningFile);
        Files.writeString(machineZeroFile, "damaged\n");
        progress.clear();

        provider.bootstrap(progress::add);

        assertThat(progress).contains("the provisioning agent is already running",
                "the machine agent of machine 0 is already running");
        TestCredentials.assertHandedTo(provisioningFile.getParent(), provisioning);
        TestCredentials.assertHandedTo(machineZeroFile.getParent(), machineZero);
    }

    @Test
    void anEnvironmentWithoutAdminSecretHandsOutNoIdentity() {
        Path dataDir = daemons.track(tmp.resolve("old"));
        EnvironmentConfig config = new EnvironmentConfig("old", "local", Map.of("data-dir", dataDir.toString()),
                Path.of("environments.yaml"));
        LocalProvider provider = new LocalProvider(config, LocalConfig.from(config), daemons.process, TestDaemons.TIMEOUT);
        providers.add(provider);

        provider.bootstrap(progress::add);

        assertThat(dataDir.resolve("agents/provisioning").resolve(Credential.FILE_NAME)).doesNotExist();
        assertThat(dataDir.resolve("machines/0").resolve(Credential.FILE_NAME)).doesNotExist();
        assertThat(SupervisedAgents.running(dataDir.resolve("machines/0"))).isPresent();
    }

    @Test
    void environmentsRunSideBySide() throws Exception {
        LocalProvider dev = provider("dev", daemons.track(tmp.resolve("dev")));
        LocalProvider test = provider("test", daemons.track(tmp.resolve("test")));

        StateServer devServer = dev.bootstrap(progress::add);
        StateServer testServer = test.bootstrap(progress::add);

        assertThat(devServer).isNotEqualTo(testServer);
        try (CuratorFramework a = TestDaemons.connect(devServer.connectString());
             CuratorFramework b = TestDaemons.connect(testServer.connectString())) {
            a.create().forPath("/dev-only");
            assertThat(b.checkExists().forPath("/dev-only")).isNull();
        }
        dev.destroy(progress::add);
        assertThat(test.stateServer()).contains(testServer);
        assertThat(ZooKeeperProcess.running(tmp.resolve("test"))).isPresent();
    }

    @Test
    void destroyStopsTheServerAndRemovesTheDataDirectory() throws Exception {
        Path dataDir = daemons.track(tmp.resolve("dev"));
        LocalProvider provider = provider("dev", dataDir);
        provider.bootstrap(progress::add);
        provider.charmStorage().put("x.charm", Files.writeString(tmp.resolve("x.charm"), "x"));
        ProcessHandle daemon = ZooKeeperProcess.running(dataDir).orElseThrow();
        progress.clear();

        provider.destroy(progress::add);

        assertThat(daemon.isAlive()).isFalse();
        assertThat(dataDir).doesNotExist();
        assertThat(provider.stateServer()).isEmpty();
        assertThat(progress).containsExactly("stopped the provisioning agent", "stopped machine 0",
                "stopped the charm storage", "stopped ZooKeeper of environment 'dev'", "removed " + dataDir);
    }

    @Test
    void aBootstrapWhoseZooKeeperFailsLeavesNothingRunning() throws Exception {
        Path dataDir = daemons.track(tmp.resolve("dev"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LocalProvider provider = provider("dev", dataDir, Map.of("zookeeper-port", taken.getLocalPort()));

            assertThatThrownBy(() -> provider.bootstrap(progress::add))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("cannot listen on /127.0.0.1:" + taken.getLocalPort());
        }
        assertThat(progress).startsWith("started the charm storage");
        assertThat(TestTree.processesUnder(dataDir)).isEmpty();
    }

    @Test
    void destroyOfANeverBootstrappedEnvironmentSaysSo() {
        Path dataDir = tmp.resolve("never");

        provider("never", dataDir).destroy(progress::add);

        assertThat(progress).containsExactly("data directory " + dataDir + " does not exist; nothing to remove");
    }

    @Test
    void bootstrapRefusesADirectoryItDidNotCreate() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("notes.txt"), "precious");
        LocalProvider provider = provider("dev", daemons.track(home));

        assertThatThrownBy(() -> provider.bootstrap(progress::add))
                .isInstanceOf(ProviderException.class)
                .hasMessage("data-dir " + home + " of environment 'dev' is not empty and was not created by juju;"
                        + " set data-dir to a new or empty directory");
        assertThat(ZooKeeperProcess.running(home)).isEmpty();
    }

    @Test
    void destroyNeverWipesADirectoryItDidNotCreate() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("notes.txt"), "precious");
        Files.createDirectories(home.resolve("logs"));
        Files.writeString(home.resolve("zookeeper.pid"), "1\n");
        Files.writeString(home.resolve("zookeeper.address"), "127.0.0.1:1\n");
        Files.writeString(home.resolve("storage.address"), "127.0.0.1:2\n");

        provider("dev", home).destroy(progress::add);

        assertThat(home.resolve("notes.txt")).hasContent("precious");
        assertThat(home.resolve("logs")).isDirectory();
        assertThat(home.resolve("zookeeper.pid")).doesNotExist();
        assertThat(home.resolve("zookeeper.address")).doesNotExist();
        assertThat(home.resolve("storage.address")).doesNotExist();
        assertThat(progress).containsExactly("kept " + home + " and its 2 entries (e.g. 'logs'): it was not created"
                + " by juju; removed only the daemons' address, pid, port and lock files");
    }

    @Test
    void bootstrapUsesAnEmptyExistingDirectory() throws Exception {
        Path dataDir = daemons.track(Files.createDirectories(tmp.resolve("empty")));
        LocalProvider provider = provider("dev", dataDir);

        provider.bootstrap(progress::add);
        provider.destroy(progress::add);

        assertThat(dataDir).doesNotExist();
    }

    @Test
    void bootstrapRefusesAFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");

        assertThatThrownBy(() -> provider("dev", file).bootstrap(progress::add))
                .isInstanceOf(ProviderException.class)
                .hasMessage("data-dir " + file + " of environment 'dev' is not a directory");
    }

    @Test
    void bootstrapServesTheCharmStorageOverHttp() throws Exception {
        Path dataDir = daemons.track(tmp.resolve("dev"));
        LocalProvider provider = provider("dev", dataDir);
        provider.bootstrap(progress::add);
        byte[] bundle = new byte[50_000];
        new Random(5).nextBytes(bundle);

        String url = provider.charmStorage().put("x.charm", Files.write(tmp.resolve("x.charm"), bundle));

        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/x\\.charm");
        assertThat(TestHttp.get(URI.create(url)).body()).isEqualTo(bundle);
        assertThat(provider("dev", dataDir).charmStorage().put("x.charm", tmp.resolve("x.charm")))
                .as("from another provider of the environment, as the client's deploy is").isEqualTo(url);
    }

    @Test
    void aKilledCharmStorageIsRestartedAndDestroyEndsIt() throws Exception {
        Path dataDir = daemons.track(tmp.resolve("dev"));
        LocalProvider provider = provider("dev", dataDir);
        provider.bootstrap(progress::add);
        String url = provider.charmStorage().put("x.charm", Files.writeString(tmp.resolve("x.charm"), "bundle"));
        ProcessHandle supervisor = SupervisedAgents.running(dataDir.resolve("agents/storage")).orElseThrow();
        ProcessHandle killed = TestTree.jvmsBelow(supervisor, StorageDaemon.class.getName()).get(0);

        killed.destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> !killed.isAlive()
                && TestHttp.get(URI.create(url)).statusCode() == 200);
        ProcessHandle restarted = TestTree.jvmsBelow(supervisor, StorageDaemon.class.getName()).get(0);
        assertThat(restarted.pid()).isNotEqualTo(killed.pid());

        provider.destroy(progress::add);

        assertThat(restarted.isAlive()).isFalse();
        assertThat(supervisor.isAlive()).isFalse();
        assertThat(TestTree.processesUnder(dataDir)).isEmpty();
        assertThat(progress).contains("stopped the charm storage");
    }

    @Test
    void charmStorageLivesInTheDataDirectory() throws Exception {
        Path dataDir = tmp.resolve("dev");
        LocalCharmStorage storage = (LocalCharmStorage) provider("dev", dataDir).charmStorage();

        assertThat(storage.directory()).isEqualTo(dataDir.resolve("storage"));
    }
}
