package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Supervisors of executables that are not JVMs, as real processes. */
class SupervisedAgentsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private SupervisedAgents agents;
    private SupervisedAgent sleeper;

    @BeforeEach
    void setUp() {
        agents = new SupervisedAgents(TestDaemons.classpath(), tmp.resolve("agents.lock"));
        // sleep does not name its directory on its command line: found through the supervisor
        sleeper = SupervisedAgent.command(tmp.resolve("sleeper"), "sleeper", List.of("/bin/sleep", "3600"),
                "sleeper.out");
    }

    @AfterEach
    void tearDown() {
        agents.stop(sleeper.dir(), Duration.ofSeconds(10));
        assertThat(TestTree.processesUnder(tmp)).as("processes left").isEmpty();
    }

    @Test
    void anExecutableIsRestartedWhenItExitsAndEndedByStop() throws Exception {
        ProcessHandle supervisor = agents.start(sleeper).supervisor();
        ProcessHandle first = await().atMost(WAIT).until(() -> sleep(supervisor), h -> h != null);

        first.destroyForcibly();

        ProcessHandle second = await().atMost(WAIT).until(() -> sleep(supervisor), h -> h != null && !h.equals(first));
        assertThat(Files.readString(sleeper.output()))
                .as("the supervisor's output").contains("supervisor: agent exited with status 137; restarting in 1 s");

        assertThat(agents.stop(sleeper.dir(), Duration.ofSeconds(10))).isTrue();

        assertThat(ProcessTree.isRunning(second)).as("sleep after stop").isFalse();
        assertThat(ProcessTree.isRunning(supervisor)).as("supervisor after stop").isFalse();
        assertThat(ProcessTree.session(supervisor.pid())).as("its session after stop").isEmpty();
    }

    /** The running {@code sleep 3600} below {@code supervisor} (not the supervisor's own backoff sleep), or null. */
    private static ProcessHandle sleep(ProcessHandle supervisor) {
        return supervisor.descendants().filter(ProcessTree::isRunning)
                .filter(p -> p.info().commandLine().map(c -> c.endsWith("/sleep 3600")).orElse(false))
                .findFirst().orElse(null);
    }
}
