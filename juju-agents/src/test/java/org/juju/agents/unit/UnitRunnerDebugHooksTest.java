package org.juju.agents.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.juju.agents.hook.HookRunner;
import org.juju.agents.hook.TmuxDriver;
import org.juju.agents.hook.ToolServer;
import org.juju.state.DebugHooks;
import org.juju.state.JujuState;
import org.juju.state.model.UnitName;
import org.juju.state.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unit agent with a {@code juju debug-hooks} request in the tree: the hooks it names wait in a
 * window of the unit's tmux session (a private tmux server here) until the user's shell exits, and
 * that shell's exit status decides whether what the hook set is committed.
 */
class UnitRunnerDebugHooksTest {
    private static final UnitName UNIT = UnitName.parse("app/0");
    private static final String SESSION = DebugHooks.sessionName(UNIT);
    @TempDir
    Path temp;
    private TestEnvironment environment;
    private JujuState state;
    private TmuxDriver tmux;
    private ToolServer tools;
    private UnitRunner runner;
    private final ExecutorService agent = Executors.newSingleThreadExecutor();

    @BeforeEach
    void deployUnit() throws Exception {
        tmux = TmuxDriver.start();
        environment = TestEnvironment.start();
        state = environment.state();
        environment.deploy("app", 1);
        Path unitDir = temp.resolve("units/app-0");
        hook(unitDir, "install", "open-port 8080\nstatus-set active 'installed by hand'\n");
        hook(unitDir, "config-changed", "echo ran > \"$CHARM_DIR/config-changed.ran\"\n");
        tools = ToolServer.start(unitDir.resolve("agent.socket"));
        runner = new UnitRunner(state, UNIT, unitDir, new HookRunner(tools), "127.0.0.1", tmux.session(SESSION));
    }

    @AfterEach
    void stop() throws Exception {
        agent.shutdownNow();
        tmux.close();
        tools.close();
        environment.close();
    }

    private static void hook(Path unitDir, String name, String body) throws IOException {
        UnitHooks.write(unitDir, name, body);
    }

    private Future<Boolean> converge() {
        return agent.submit(runner::converge);
    }

    /** Runs the hook of {@code window} by hand, then leaves its shell with {@code exit status}. */
    private void runByHandAndExit(String window, int status) {
        tmux.awaitScreen(SESSION, window, "app/0:" + window);
        tmux.type(SESSION, window, "./hooks/$JUJU_HOOK_NAME");
        tmux.type(SESSION, window, "exit " + status);
    }

    private String agentState() {
        return String.valueOf(state.units().status(UNIT).get("agent-state"));
    }

    @Test
    void aDebuggedHookThatExitsZeroIsCommittedAndTheUnitGoesOn() throws Exception {
        state.debugHooks().request(UNIT, new DebugHooks(List.of("install")));

        Future<Boolean> round = converge();
        runByHandAndExit("install", 0);

        assertThat(round.get(20, TimeUnit.SECONDS)).as("not finished: the unit lives").isFalse();
        assertThat(state.units().openPorts(UNIT)).as("what the hook set by hand is committed").containsExactly("8080/tcp");
        assertThat(state.units().status(UNIT)).containsEntry("workload-message", "installed by hand");
        assertThat(agentState()).as("config-changed and start ran directly").isEqualTo("started");
        assertThat(temp.resolve("units/app-0/charm/config-changed.ran")).exists();
        assertThat(tmux.windows(SESSION)).doesNotContain("install", "config-changed", "start");
    }

    @Test
    void aDebuggedHookThatExitsNonZeroFailsAndCommitsNothing() throws Exception {
        state.debugHooks().request(UNIT, DebugHooks.all());

        Future<Boolean> round = converge();
        runByHandAndExit("install", 1);

        assertThat(round.get(20, TimeUnit.SECONDS)).isFalse();
        assertThat(agentState()).isEqualTo("install-error");
        assertThat(state.units().openPorts(UNIT)).isEmpty();
        assertThat(state.units().status(UNIT)).doesNotContainKey("workload-status");
        assertThat(tmux.windows(SESSION)).as("no later hook was handed over").doesNotContain("config-changed");
    }

    @Test
    void onlyTheNamedHooksWaitAndTheOthersRunAsUsual() throws Exception {
        state.debugHooks().request(UNIT, new DebugHooks(List.of("start")));

        Future<Boolean> round = converge();
        tmux.awaitWindow(SESSION, "start");

        assertThat(state.units().openPorts(UNIT)).as("install ran and was committed before").containsExactly("8080/tcp");
        assertThat(agentState()).isEqualTo("installed");
        assertThat(round).as("one hook at a time: the agent waits on start").isNotDone();
        runByHandAndExit("start", 0);
        assertThat(round.get(20, TimeUnit.SECONDS)).isFalse();
        assertThat(agentState()).isEqualTo("started");
    }

    @Test
    void withoutARequestNoSessionIsOpened() throws Exception {
        assertThat(converge().get(20, TimeUnit.SECONDS)).isFalse();

        assertThat(agentState()).isEqualTo("started");
        assertThat(tmux.windows(SESSION)).as("no session").isEmpty();
    }
}
