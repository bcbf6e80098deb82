package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;

/**
 * Test support: a {@link ZooKeeperProcess} launching daemons with the test classpath, and a
 * record of every data directory used, so that {@link #stopAll()} leaves no daemon running.
 */
final class TestDaemons {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<Path> dataDirs = new ArrayList<>();
    final ZooKeeperProcess process = new ZooKeeperProcess(classpath());

    /** Surefire's test classpath (target/classes and every dependency jar). */
    static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Remembers {@code dataDir} for {@link #stopAll()} and returns it. */
    Path track(Path dataDir) {
        dataDirs.add(dataDir);
        return dataDir;
    }

    ZooKeeperAddress start(Path dataDir) {
        return process.start(track(dataDir), "127.0.0.1", TIMEOUT);
    }

    /** Stops the daemon of every tracked data directory and checks none is left. */
    void stopAll() {
        for (Path dir : dataDirs) {
            process.stop(dir, Duration.ofSeconds(10));
            assertThat(ZooKeeperProcess.running(dir)).as("daemon of %s", dir).isEmpty();
        }
    }

    /** True if something accepts TCP connections at {@code address}. */
    static boolean accepts(ZooKeeperAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A connected Curator client; the caller closes it. */
    static CuratorFramework connect(String connectString) throws InterruptedException {
        return start(CuratorFrameworkFactory.builder().connectString(connectString));
    }

    /**
     * A Curator client connected as the admin of an environment whose admin secret is
     * {@link TestCredentials#ADMIN_SECRET}, so that it reads what agents handed an identity create;
     * the caller closes it.
     */
    static CuratorFramework connectAsAdmin(String connectString) throws InterruptedException {
        return start(CuratorFrameworkFactory.builder().connectString(connectString).authorization(Credential.SCHEME,
                Identities.admin(TestCredentials.ADMIN_SECRET).authBytes()));
    }

    private static CuratorFramework start(CuratorFrameworkFactory.Builder builder) throws InterruptedException {
        CuratorFramework client = builder.sessionTimeoutMs(10_000).connectionTimeoutMs(5_000)
                .retryPolicy(new RetryOneTime(100)).build();
        client.start();
        assertThat(client.blockUntilConnected(20, java.util.concurrent.TimeUnit.SECONDS)).as("connected").isTrue();
        return client;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
