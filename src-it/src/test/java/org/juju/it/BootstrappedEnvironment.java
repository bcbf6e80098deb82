package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.juju.it.JujuProcess.Result;
import org.juju.state.JujuState;
import org.juju.state.io.FileTrees;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension giving each test a local environment with process machines, bootstrapped
 * through the real {@code bin/juju} in a {@code JUJU_HOME} of its own, and a state connection of the
 * test's own. After each test it runs {@code destroy-environment}, checks that no process of the
 * environment is left, and deletes the home. Register it with {@code @RegisterExtension}.
 */
final class BootstrappedEnvironment implements BeforeEachCallback, AfterEachCallback {
    private final String extraConfig;
    private Path home;
    private JujuProcess juju;
    private CuratorFramework client;
    private JujuState state;

    private BootstrappedEnvironment(String extraConfig) {
        this.extraConfig = extraConfig;
    }

    /**
     * An environment {@code local} (data in {@code home/data}) with {@code extraConfig}: more keys,
     * each on a line of its own indented by four spaces.
     */
    static BootstrappedEnvironment local(String extraConfig) {
        return new BootstrappedEnvironment(extraConfig);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        home = Files.createTempDirectory("juju-it");
        Files.writeString(home.resolve("environments.yaml"), """
                environments:
                  local:
                    type: local
                    data-dir: %s
                    admin-secret: s3cret
                    container: process
                %s""".formatted(dataDir(), extraConfig));
        juju = new JujuProcess(home);
        check(juju.run("bootstrap"));
        String address = Files.readString(dataDir().resolve("zookeeper.address")).trim();
        client = StateConnection.connect(address, Duration.ofSeconds(10));
        state = new JujuState(new StateStore(client));
    }

    /** Destroys the environment, asserts that none of its processes is left, and deletes the home. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (home == null) {
            return;
        }
        try {
            if (client != null) {
                client.close();
            }
            if (juju != null) {
                juju.run("destroy-environment", "-y");
            }
            assertThat(ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains(home.toString())).orElse(false)).toList())
                    .as("destroy-environment leaves no process of the environment").isEmpty();
        } finally {
            FileTrees.deleteQuietly(home, true);
        }
    }

    /** Runs {@code juju args...}, asserting it succeeded. */
    Result ok(String... args) throws Exception {
        return check(juju.run(args));
    }

    private static Result check(Result result) {
        assertThat(result.code()).as(result.toString()).isZero();
        return result;
    }

    /** The test's {@code JUJU_HOME}, also a place for its own files. */
    Path home() {
        return home;
    }

    JujuProcess juju() {
        return juju;
    }

    JujuState state() {
        return state;
    }

    Path dataDir() {
        return home.resolve("data");
    }
}
