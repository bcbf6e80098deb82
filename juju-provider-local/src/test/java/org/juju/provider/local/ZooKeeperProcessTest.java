package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.curator.framework.CuratorFramework;
import org.juju.state.error.ProviderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperProcessTest {
    @TempDir
    Path tmp;

    private final TestDaemons daemons = new TestDaemons();
    private final List<Process> strays = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        try {
            daemons.stopAll();
        } finally {
            strays.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void startedDaemonServesClientsAndRecordsItself() throws Exception {
        Path dir = tmp.resolve("env");
        ZooKeeperAddress address = daemons.start(dir);

        assertThat(address.host()).isEqualTo("127.0.0.1");
        assertThat(ZooKeeperProcess.address(dir)).contains(address);
        assertThat(Files.readString(dir.resolve("zookeeper.address")).trim()).isEqualTo(address.toString());
        ProcessHandle daemon = ZooKeeperProcess.running(dir).orElseThrow();
        assertThat(Files.readString(dir.resolve("zookeeper.pid")).trim()).isEqualTo(Long.toString(daemon.pid()));
        assertThat(daemon.parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
        try (CuratorFramework client = TestDaemons.connect(address.toString())) {
            client.create().forPath("/juju", TestDaemons.utf8("hello"));
            assertThat(new String(client.getData().forPath("/juju"), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThat(Files.readString(dir.resolve("logs/zookeeper.log"))).contains("is serving at " + address);
    }

    @Test
    void startingTwiceReturnsTheRunningDaemon() {
        Path dir = tmp.resolve("env");
        ZooKeeperAddress first = daemons.start(dir);
        long pid = ZooKeeperProcess.running(dir).orElseThrow().pid();

        ZooKeeperAddress second = daemons.start(dir);

        assertThat(second).isEqualTo(first);
        assertThat(ZooKeeperProcess.running(dir).orElseThrow().pid()).isEqualTo(pid);
        assertThat(daemonsFor(dir)).isEqualTo(1);
    }

    @Test
    void concurrentStartsShareOneDaemon() throws Exception {
        Path dir = daemons.track(tmp.resolve("env"));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Callable<ZooKeeperAddress> start = () -> daemons.process.start(dir, "127.0.0.1", TestDaemons.TIMEOUT);
            List<Future<ZooKeeperAddress>> results = pool.invokeAll(List.of(start, start, start));
            ZooKeeperAddress address = results.get(0).get();
            for (Future<ZooKeeperAddress> result : results) {
                assertThat(result.get()).isEqualTo(address);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(daemonsFor(dir)).isEqualTo(1);
    }

    @Test
    void stopEndsTheDaemonAndItsFiles() throws Exception {
        Path dir = tmp.resolve("env");
        ZooKeeperAddress address = daemons.start(dir);
        ProcessHandle daemon = ZooKeeperProcess.running(dir).orElseThrow();

        assertThat(daemons.process.stop(dir, Duration.ofSeconds(10))).isTrue();

        assertThat(daemon.isAlive()).isFalse();
        assertThat(TestDaemons.accepts(address)).isFalse();
        assertThat(dir.resolve("zookeeper.address")).doesNotExist();
        assertThat(dir.resolve("zookeeper.pid")).doesNotExist();
        assertThat(ZooKeeperProcess.address(dir)).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("logs/zookeeper.log"), StandardCharsets.UTF_8))
                .anySatisfy(line -> assertThat(line).contains("stopped"));
        assertThat(daemons.process.stop(dir, Duration.ofSeconds(10))).as("second stop").isFalse();
    }

    @Test
    void stopWithoutDaemonIsANoOp() {
        assertThat(daemons.process.stop(tmp.resolve("never-started"), Duration.ofSeconds(1))).isFalse();
        assertThat(tmp.resolve("never-started")).doesNotExist();
    }

    @Test
    void restartKeepsDataAndPort() throws Exception {
        Path dir = tmp.resolve("env");
        ZooKeeperAddress address = daemons.start(dir);
        try (CuratorFramework client = TestDaemons.connect(address.toString())) {
            client.create().forPath("/kept", TestDaemons.utf8("across restarts"));
        }
        daemons.process.stop(dir, Duration.ofSeconds(10));

        ZooKeeperAddress again = daemons.start(dir);

        assertThat(again).isEqualTo(address);
        try (CuratorFramework client = TestDaemons.connect(again.toString())) {
            assertThat(new String(client.getData().forPath("/kept"), StandardCharsets.UTF_8)).isEqualTo("across restarts");
        }
    }

    @Test
    void restartAfterCrashReplacesStaleFiles() throws Exception {
        Path dir = tmp.resolve("env");
        ZooKeeperAddress address = daemons.start(dir);
        ProcessHandle crashed = ZooKeeperProcess.running(dir).orElseThrow();
        crashed.destroyForcibly();
        crashed.onExit().get();
        assertThat(dir.resolve("zookeeper.pid")).exists();

        ZooKeeperAddress again = daemons.start(dir);

        assertThat(again).isEqualTo(address);
        assertThat(ZooKeeperProcess.running(dir).orElseThrow().pid()).isNotEqualTo(crashed.pid());
    }

    @Test
    void restartTakesAFreePortWhenTheLastOneIsTaken() throws Exception {
        Path dir = tmp.resolve("env");
        ZooKeeperAddress address = daemons.start(dir);
        daemons.process.stop(dir, Duration.ofSeconds(10));
        try (ServerSocket squatter = new ServerSocket(address.port(), 1, InetAddress.getByName("127.0.0.1"))) {
            ZooKeeperAddress again = daemons.start(dir);
            assertThat(again.port()).isNotEqualTo(squatter.getLocalPort());
        }
    }

    @Test
    void twoDataDirectoriesGetTwoServers() throws Exception {
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        ZooKeeperAddress first = daemons.start(one);
        ZooKeeperAddress second = daemons.start(two);

        assertThat(second.port()).isNotEqualTo(first.port());
        assertThat(ZooKeeperProcess.running(one).orElseThrow().pid())
                .isNotEqualTo(ZooKeeperProcess.running(two).orElseThrow().pid());
        try (CuratorFramework a = TestDaemons.connect(first.toString());
             CuratorFramework b = TestDaemons.connect(second.toString())) {
            a.create().forPath("/only-in-one");
            assertThat(b.checkExists().forPath("/only-in-one")).isNull();
        }
        daemons.process.stop(one, Duration.ofSeconds(10));
        assertThat(ZooKeeperProcess.running(two)).isPresent();
    }

    @Test
    void stopAndStartLeaveAnUnrelatedProcessWithTheRecordedPidAlone() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("env"));
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        strays.add(sleeper);
        Files.writeString(dir.resolve("zookeeper.pid"), sleeper.pid() + "\n");
        Files.writeString(dir.resolve("zookeeper.address"), "127.0.0.1:1\n");

        assertThat(daemons.process.stop(dir, Duration.ofSeconds(2))).isFalse();
        assertThat(sleeper.isAlive()).isTrue();
        assertThat(dir.resolve("zookeeper.pid")).doesNotExist();

        Files.writeString(dir.resolve("zookeeper.pid"), sleeper.pid() + "\n");
        ZooKeeperAddress address = daemons.start(dir);
        assertThat(address.port()).isNotEqualTo(1);
        assertThat(ZooKeeperProcess.running(dir).orElseThrow().pid()).isNotEqualTo(sleeper.pid());
        daemons.process.stop(dir, Duration.ofSeconds(10));
        assertThat(sleeper.isAlive()).isTrue();
    }

    @Test
    void aDaemonThatCannotListenIsReportedWithItsLog() throws Exception {
        Path dir = daemons.track(tmp.resolve("env"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> daemons.process.start(dir, "127.0.0.1", taken.getLocalPort(), TestDaemons.TIMEOUT))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageStartingWith("ZooKeeper exited with status 1 before serving: ")
                    .hasMessageContaining("cannot listen on /127.0.0.1:" + taken.getLocalPort())
                    .hasMessageEndingWith("; see " + dir.resolve("logs/zookeeper.log"))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThat(ZooKeeperProcess.running(dir)).isEmpty();
    }

    @Test
    void aDaemonThatDoesNotServeInTimeIsKilledAndReported() {
        Path dir = daemons.track(tmp.resolve("env"));

        assertThatThrownBy(() -> daemons.process.start(dir, "127.0.0.1", Duration.ofMillis(1)))
                .isInstanceOf(ProviderException.class)
                .hasMessageStartingWith("ZooKeeper did not start within 1 ms: ")
                .hasMessageEndingWith("; see " + dir.resolve("logs/zookeeper.log"));

        await().atMost(Duration.ofSeconds(10)).until(() -> daemonsFor(dir) == 0);
    }

    @Test
    void aClasspathWithoutTheDaemonFailsFast() {
        Path dir = daemons.track(tmp.resolve("env"));
        ZooKeeperProcess broken = new ZooKeeperProcess(tmp.resolve("nothing-here").toString());

        assertThatThrownBy(() -> broken.start(dir, "127.0.0.1", TestDaemons.TIMEOUT))
                .isInstanceOf(ProviderException.class)
                .hasMessageStartingWith("ZooKeeper exited with status 1 before serving: ")
                .hasMessageContaining(ZooKeeperDaemon.class.getName());
    }

    private static long daemonsFor(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses()
                .filter(handle -> DaemonIdentity.isDaemonFor(handle.info(), absolute))
                .count();
    }
}
