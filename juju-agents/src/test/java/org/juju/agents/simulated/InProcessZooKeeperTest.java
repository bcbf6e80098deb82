package org.juju.agents.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.zookeeper.util.ServiceUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process server's fatal errors end neither the JVM nor the process that hosts it. */
class InProcessZooKeeperTest {
    @TempDir
    Path dir;

    @Test
    void aServerErrorThatWouldExitTheJvmIsOnlyLogged() {
        try (InProcessZooKeeper server = InProcessZooKeeper.start(dir)) {
            // What the server's threads call on an unexpected error: with the default procedure
            // this ends the test JVM and the test run fails.
            ServiceUtils.requestSystemExit(1);

            assertThat(server.connections()).isZero();
        }
    }
}
