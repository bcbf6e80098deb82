package org.juju.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unit agent process idle between rounds (its unit started, nothing to do, its next resync far
 * off) stops on SIGTERM within the stop's grace period and exits 0: the stop wakes its loop.
 */
class UnitAgentStopProcessTest {
    private static final UnitName UNIT = UnitName.parse("mysql/0");
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path tmp;
    private final AgentProcesses agents = new AgentProcesses();
    private TestEnvironment environment;

    @BeforeEach
    void deployUnit() throws Exception {
        environment = TestEnvironment.start();
        environment.deploy("mysql", 1);
    }

    @AfterEach
    void cleanUp() throws Exception {
        agents.killAll();
        environment.close();
    }

    @Test
    void anIdleUnitAgentStopsCleanlyOnSigterm() throws Exception {
        Path dir = tmp.resolve("units/mysql-0");
        Files.createDirectories(dir.resolve("charm/hooks"));
        Process agent = agents.launch(dir.resolve("out.log"), "unit", "--name", UNIT.toString(),
                "--zookeeper", environment.connectString(), "--dir", dir.toString());
        await().atMost(WAIT).until(() -> "started".equals(environment.state().units().status(UNIT).get("agent-state")));
        await().atMost(WAIT).until(() -> environment.client().checkExists().forPath(StatePaths.unitPresence(UNIT)) != null);

        agent.destroy();

        assertThat(agent.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).as("stopped within the grace period, not halted after it").isZero();
        assertThat(environment.client().checkExists().forPath(StatePaths.unitPresence(UNIT))).isNull();
    }
}
