package org.juju.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.zookeeper.CreateMode;
import org.juju.client.CliHarness.Result;
import org.juju.state.DebugHooks;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.testing.TreeDump;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code juju debug-hooks}: the request it keeps in the tree while its tmux client runs, where that
 * client attaches, and its refusals. The tmux client is replaced by a recording terminal.
 */
class DebugHooksCommandTest extends ClientTestBase {
    private static final UnitName MYSQL0 = UnitName.parse("mysql/0");
    private MachineId machine;
    private Path unitDir;
    /** What the terminal ran, with the request the tree held meanwhile. */
    private final List<Attached> attached = new ArrayList<>();
    private int tmuxStatus;

    record Attached(List<String> command, Path directory, Optional<DebugHooks> request) {
    }

    @BeforeEach
    void deployOnAProcessMachine() throws Exception {
        assertThat(juju.run("deploy", "-n", "2", "local:mysql").code()).isZero();
        machine = placeOnNewMachine(MYSQL0, "process-test-");
        unitDir = Files.createDirectories(dataDir.resolve("machines/" + machine + "/units/mysql-0/charm")).getParent();
        juju.terminal(command -> {
            attached.add(new Attached(command.command(), command.directory() == null ? null : command.directory().toPath(),
                    state.debugHooks().current(MYSQL0)));
            return tmuxStatus;
        });
    }

    private void agentComesUp(UnitName unit) throws Exception {
        client.create().withMode(CreateMode.EPHEMERAL).forPath(StatePaths.unitPresence(unit));
    }

    @Test
    void keepsTheRequestWhileAttachedToTheUnitsSessionAndRemovesItAfter() throws Exception {
        agentComesUp(MYSQL0);

        Result result = juju.run("debug-hooks", "mysql/0", "install", "db-relation-changed");

        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(attached).singleElement().satisfies(run -> {
            assertThat(run.command()).containsExactly("tmux", "-S", unitDir.resolve("tmux.socket").toString(), "new-session",
                    "-A", "-s", "juju-debug-mysql-0", "-c", unitDir.resolve("charm").toString());
            assertThat(run.directory()).isEqualTo(unitDir.resolve("charm"));
            assertThat(run.request()).as("recorded while attached")
                    .contains(new DebugHooks(List.of("install", "db-relation-changed")));
        });
        assertThat(state.debugHooks().current(MYSQL0)).as("removed once detached").isEmpty();
        assertThat(result.err()).contains("Debugging hooks install, db-relation-changed of mysql/0 in tmux session juju-debug-mysql-0.");
        assertThat(result.out()).isEqualTo("Stopped debugging the hooks of mysql/0: they run as usual again.\n");
    }

    @Test
    void waitsForTheUnitsAgentBeforeAttaching() throws Exception {
        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> juju.run("debug-hooks", "mysql/0"));

        await().atMost(Duration.ofSeconds(20)).until(() -> state.debugHooks().current(MYSQL0).isPresent());
        assertThat(state.debugHooks().current(MYSQL0)).as("no hook named: every hook").contains(DebugHooks.all());
        assertThat(attached).as("nothing to attach to before the agent is up").isEmpty();
        agentComesUp(MYSQL0);

        Result result = run.get();
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.err()).contains("Waiting for the agent of mysql/0 to come up");
        assertThat(attached).hasSize(1);
        assertThat(state.debugHooks().current(MYSQL0)).isEmpty();
    }

    @Test
    void inAContainerTheSessionIsAttachedThroughLxcAttach() throws Exception {
        UnitName unit = UnitName.parse("mysql/1");
        MachineId container = placeOnNewMachine(unit, "juju-test-");
        agentComesUp(unit);

        assertThat(juju.run("debug-hooks", "mysql/1", "start").code()).isZero();

        String inside = "/var/lib/juju/machines/" + container + "/units/mysql-1";
        assertThat(attached).singleElement().extracting(Attached::command).isEqualTo(List.of("lxc-attach", "-n",
                "juju-test-" + container, "--clear-env", "--keep-var", "TERM", "--", "/bin/sh", "-c",
                "cd \"$0\" 2>/dev/null || cd /; exec \"$@\"", inside + "/charm", "tmux", "-S", inside + "/tmux.socket",
                "new-session", "-A", "-s", "juju-debug-mysql-1", "-c", inside + "/charm"));
    }

    @Test
    void theTmuxClientsExitStatusIsTheCommandsAndTheRequestGoesAnyway() throws Exception {
        agentComesUp(MYSQL0);
        tmuxStatus = 1;

        assertThat(juju.run("debug-hooks", "mysql/0").code()).isEqualTo(1);
        assertThat(state.debugHooks().current(MYSQL0)).isEmpty();
    }

    @Test
    void refusalsAreOneLineAndLeaveTheTreeAsItWas() throws Exception {
        Map<String, String> before = TreeDump.of(client);

        assertRefused(juju.run("debug-hooks", "mysql/7"), 3, "unit mysql/7 not found");
        assertRefused(juju.run("debug-hooks", "mysql-0"), 2, "invalid unit name 'mysql-0'");
        assertRefused(juju.run("debug-hooks", "mysql/0", "install", "db-relation-jioned"), 2,
                "charm local:bookworm/mysql-1 has no hook 'db-relation-jioned' (its hooks: install, config-changed,");

        assertThat(TreeDump.of(client)).as("nothing written").isEqualTo(before);
        assertThat(attached).isEmpty();
    }

    @Test
    void aSecondSessionIsRefusedAndLeavesTheFirstOnesRequest() throws Exception {
        state.debugHooks().request(MYSQL0, new DebugHooks(List.of("start")));

        assertRefused(juju.run("debug-hooks", "mysql/0"), 4, "a debug-hooks session of unit mysql/0 is already open");

        assertThat(state.debugHooks().current(MYSQL0)).contains(new DebugHooks(List.of("start")));
        assertThat(attached).isEmpty();
    }
}
