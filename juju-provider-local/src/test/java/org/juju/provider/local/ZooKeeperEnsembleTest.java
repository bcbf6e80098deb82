package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.juju.state.error.ProviderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ensemble of a local environment with {@code zookeeper-servers: 3}: real server processes under supervisors. */
class ZooKeeperEnsembleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private DataDirLayout layout;
    private ZooKeeperEnsembleProcess ensemble;

    private void ensembleIn(Path dataDir) {
        layout = new DataDirLayout(dataDir);
        ensemble = new ZooKeeperEnsembleProcess("dev", layout,
                new SupervisedAgents(TestDaemons.classpath(), layout.agentsLockFile()), () -> "127.0.0.1");
    }

    @AfterEach
    void stopServers() {
        if (ensemble != null) {
            ensemble.stop(Duration.ofSeconds(10));
        }
        assertThat(TestTree.processesUnder(tmp)).as("processes left running").isEmpty();
    }

    @Test
    void theEnsembleFileAndEachZooCfgNameEveryServer() throws Exception {
        ZooKeeperEnsemble chosen = ZooKeeperEnsemble.choose("127.0.0.1", 3);
        Path file = tmp.resolve("zookeeper-ensemble");
        Files.writeString(file, chosen.fileText());

        assertThat(ZooKeeperEnsemble.read(file)).contains(chosen);
        Set<Integer> ports = new HashSet<>();
        chosen.members().forEach(m -> ports.addAll(List.of(m.clientPort(), m.quorumPort(), m.electionPort())));
        assertThat(ports).as("nine distinct ports").hasSize(9);
        assertThat(chosen.quorum()).isEqualTo(2);
        assertThat(chosen.connectString().split(",")).hasSize(3).allMatch(a -> a.matches("127\\.0\\.0\\.1:\\d+"));
        String cfg = chosen.zooCfg(chosen.members().get(1), tmp.resolve("data"));
        assertThat(cfg).contains("clientPort=" + chosen.members().get(1).clientPort(), "clientPortAddress=127.0.0.1",
                "dataDir=" + tmp.resolve("data"), "4lw.commands.whitelist=ruok,srvr", "admin.enableServer=false");
        for (EnsembleMember member : chosen.members()) {
            assertThat(cfg).contains("server." + member.id() + "=127.0.0.1:" + member.quorumPort() + ":"
                    + member.electionPort() + "\n");
        }
        assertThat(ZooKeeperEnsemble.read(tmp.resolve("none"))).isEmpty();
    }

    @Test
    void aQuorumServesAndOutlivesItsLeaderWhoseSupervisorRestartsIt() throws Exception {
        ensembleIn(tmp.resolve("dev"));
        String connect = ensemble.awaitServing(ensemble.start(3), TIMEOUT);

        assertThat(connect.split(",")).hasSize(3);
        assertThat(DataDirLayout.readSmall(layout.addressFile())).contains(connect);
        await().atMost(TIMEOUT).until(() -> modes().contains("leader") && modes().stream()
                .filter("follower"::equals).count() == 2);
        try (CuratorFramework client = TestDaemons.connect(connect)) {
            client.create().forPath("/before", TestDaemons.utf8("1"));
            EnsembleMember leader = leader();
            ProcessHandle killed = serverJvm(leader.id()).orElseThrow();

            long killedAt = System.nanoTime();
            killed.destroyForcibly();

            await().atMost(TIMEOUT).ignoreExceptions()
                    .until(() -> client.create().forPath("/after", TestDaemons.utf8("2")) != null);
            assertThat(client.getData().forPath("/before")).as("nothing lost").isEqualTo(TestDaemons.utf8("1"));
            await("the supervisor restarts the killed server, which rejoins").atMost(TIMEOUT)
                    .until(() -> serverJvm(leader.id()).filter(p -> p.pid() != killed.pid()).isPresent()
                            && ZooKeeperProbe.mode(leader.clientAddress(), Duration.ofSeconds(1))
                            .filter(m -> m.equals("follower") || m.equals("leader")).isPresent());
            System.out.printf("killed leader %d serves again %d ms after SIGKILL%n", leader.id(),
                    (System.nanoTime() - killedAt) / 1_000_000);
        }
        assertThat(ensemble.start(3).launched()).as("every supervisor still runs").isZero();

        assertThat(ensemble.stop(Duration.ofSeconds(10))).isEqualTo(3);
        assertThat(layout.addressFile()).doesNotExist();
        assertThat(TestTree.processesUnder(tmp)).isEmpty();
    }

    @Test
    void aStartAfterEveryProcessDiedReusesThePortsAndTheData() throws Exception {
        ensembleIn(tmp.resolve("dev"));
        String connect = ensemble.awaitServing(ensemble.start(3), TIMEOUT);
        try (CuratorFramework client = TestDaemons.connect(connect)) {
            client.create().forPath("/kept", TestDaemons.utf8("yes"));
        }
        TestTree.processesUnder(tmp).forEach(ProcessHandle::destroyForcibly); // the host went down
        await().atMost(TIMEOUT).until(() -> TestTree.processesUnder(tmp).isEmpty());

        ZooKeeperEnsembleProcess.Start again = ensemble.start(3);

        assertThat(again.launched()).isEqualTo(3);
        assertThat(ensemble.awaitServing(again, TIMEOUT)).isEqualTo(connect);
        try (CuratorFramework client = TestDaemons.connect(connect)) {
            assertThat(client.getData().forPath("/kept")).isEqualTo(TestDaemons.utf8("yes"));
        }
    }

    @Test
    void anEnsembleKeepsTheSizeItWasBootstrappedWith() throws Exception {
        ensembleIn(tmp.resolve("dev"));
        Files.createDirectories(layout.dataDir());
        Files.writeString(layout.ensembleFile(), ZooKeeperEnsemble.choose("127.0.0.1", 3).fileText());

        assertThatThrownBy(() -> ensemble.start(5)).isInstanceOf(ProviderException.class)
                .hasMessage("environment 'dev' was bootstrapped with 3 ZooKeeper servers, not 5;"
                        + " set zookeeper-servers back to 3");
        assertThat(layout.ensembleServerDir(1)).doesNotExist();
    }

    private List<String> modes() {
        return ZooKeeperEnsembleProcess.status(layout).stream()
                .map(s -> s.mode().orElse("none")).toList();
    }

    private EnsembleMember leader() {
        return ZooKeeperEnsembleProcess.status(layout).stream()
                .filter(s -> s.mode().filter("leader"::equals).isPresent())
                .map(ZooKeeperEnsembleProcess.ServerStatus::member).findFirst().orElseThrow();
    }

    /** The JVM of server {@code id} (not its supervisor). */
    private Optional<ProcessHandle> serverJvm(int id) {
        try (Stream<ProcessHandle> all = TestTree.processesUnder(layout.ensembleServerDir(id)).stream()) {
            return all.filter(p -> p.info().commandLine().map(l -> l.contains(EnsembleServer.class.getName()))
                    .orElse(false)).findFirst();
        }
    }
}
