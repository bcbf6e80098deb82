package org.juju.agents.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.juju.agents.hook.HookRunner;
import org.juju.agents.hook.ToolServer;
import org.juju.state.JujuState;
import org.juju.state.StatusHistory;
import org.juju.state.error.StateUnavailableException;
import org.juju.state.model.UnitName;
import org.juju.state.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hook that succeeded while ZooKeeper went away: its commit fails with the connection, and the
 * next round, once ZooKeeper is back, commits the hook's changes instead of reporting it failed.
 */
class UnitRunnerLostCommitTest {
    private static final UnitName UNIT = UnitName.parse("app/0");
    @TempDir
    Path temp;
    private TestEnvironment environment;
    private JujuState state;
    private ToolServer tools;
    private Path unitDir;
    private Path release;
    private final ExecutorService agentThread = Executors.newSingleThreadExecutor();

    @BeforeEach
    void deployUnitWhoseInstallWaitsForTheTest() throws Exception {
        environment = TestEnvironment.start();
        state = environment.state();
        environment.deploy("app", 1);
        unitDir = temp.resolve("units/app-0");
        release = temp.resolve("release");
        Process mkfifo = new ProcessBuilder("mkfifo", release.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        UnitHooks.write(unitDir, "install", "read line < '" + release + "'\nstatus-set active \"installed $line\"\n");
        tools = ToolServer.start(unitDir.resolve("agent.socket"));
    }

    @AfterEach
    void stop() throws Exception {
        agentThread.shutdownNow();
        tools.close();
        environment.close();
    }

    @Test
    void aHookWhoseCommitWasCutOffIsCommittedOnceZooKeeperIsBack() throws Exception {
        UnitRunner runner = new UnitRunner(state, UNIT, unitDir, new HookRunner(tools), "127.0.0.1");
        Future<Boolean> round = agentThread.submit(runner::converge);
        try (OutputStream toHook = Files.newOutputStream(release)) {
            // Opening the pipe waits for the hook to open it: the hook is running now.
            environment.server().stop();
            toHook.write("ok\n".getBytes());
        }
        assertThatThrownBy(() -> round.get(2, TimeUnit.MINUTES)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StateUnavailableException.class);

        environment.server().restart();
        assertThat(environment.client().blockUntilConnected(1, TimeUnit.MINUTES)).isTrue();
        assertThat(runner.converge()).isFalse();

        assertThat(state.units().status(UNIT))
                .containsEntry("agent-state", "started")
                .containsEntry("workload-status", "active")
                .containsEntry("workload-message", "installed ok");
        assertThat(state.units().statusHistory(UNIT).entries()).extracting(StatusHistory.Entry::toString)
                .noneMatch(entry -> entry.contains("did not complete") || entry.contains("error"));
    }
}
