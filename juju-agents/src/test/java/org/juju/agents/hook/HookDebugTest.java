package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juju.agents.hook.HookFixture.DB;
import static org.juju.agents.hook.HookFixture.DB_CHANGED;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hooks handed to a {@code juju debug-hooks} session: a real tmux server of the test's own, driven
 * with {@code send-keys} as a user would type.
 */
class HookDebugTest {
    private static final String SESSION = "juju-debug-wordpress-0";
    @TempDir
    java.nio.file.Path temp;
    private HookFixture fx;
    private TmuxDriver tmux;
    private final ExecutorService agent = Executors.newSingleThreadExecutor();

    @BeforeEach
    void setUp() {
        tmux = TmuxDriver.start();
        fx = new HookFixture(temp);
    }

    @AfterEach
    void tearDown() {
        agent.shutdownNow();
        tmux.close();
        fx.close();
    }

    /** Hands {@code spec} to the session on the agent's thread. */
    private Future<HookResult> debug(HookSpec spec) {
        return agent.submit(() -> fx.runner.debug(fx.charmDir, spec, HookFixture.data(), fx.unitLog, tmux.session(SESSION)));
    }

    private static HookResult result(Future<HookResult> run) throws Exception {
        return run.get(20, TimeUnit.SECONDS);
    }

    @Test
    void theHookWaitsInAWindowWithItsEnvironmentUntilItsShellExits() throws Exception {
        fx.hook("db-relation-changed", """
                relation-set url=http://debugged
                tr '\\0' '\\n' < /proc/$$/environ > "$CHARM_DIR/env"
                pwd > "$CHARM_DIR/cwd"
                """);

        Future<HookResult> run = debug(DB_CHANGED);

        tmux.awaitWindow(SESSION, "db-relation-changed");
        String screen = tmux.awaitScreen(SESSION, "db-relation-changed", "wordpress/0:db-relation-changed");
        assertThat(screen).as("the banner says what to do").contains("./hooks/$JUJU_HOOK_NAME", "exit 0");
        assertThat(run).as("the hook lasts as long as the shell").isNotDone();
        tmux.type(SESSION, "db-relation-changed", "./hooks/$JUJU_HOOK_NAME");
        tmux.type(SESSION, "db-relation-changed", "exit 0");

        HookResult result = result(run);
        assertThat(result.exitCode()).as(fx.log()).isZero();
        assertThat(result.changes().settings()).containsEntry(DB, Map.of("url", "http://debugged"));
        Map<String, String> env = HookFixture.environment(fx.charmDir.resolve("env"));
        assertThat(env).containsEntry("JUJU_HOOK_NAME", "db-relation-changed").containsEntry("JUJU_UNIT_NAME", "wordpress/0")
                .containsEntry("JUJU_RELATION_ID", "db:0").containsEntry("JUJU_REMOTE_UNIT", "mysql/0")
                .containsEntry("CHARM_DIR", fx.charmDir.toString()).containsEntry("PATH", HookTools.directory()
                        + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        assertThat(env.keySet()).as("the hook's environment, TERM, and what bash sets itself").isSubsetOf(
                "CHARM_DIR", "JUJU_UNIT_NAME", "JUJU_HOOK_NAME", "JUJU_AGENT_SOCKET", "JUJU_CLIENT_ID", "JUJU_RELATION",
                "JUJU_RELATION_ID", "JUJU_REMOTE_UNIT", "PATH", "DEBIAN_FRONTEND", "HOME", "LANG", "TERM", "PWD", "SHLVL",
                "OLDPWD", "_");
        assertThat(HookFixture.read(fx.charmDir.resolve("cwd"))).isEqualTo(fx.charmDir + "\n");
        assertThat(fx.log()).contains("handed to debug-hooks: a window in tmux session " + SESSION);
        assertThat(Files.list(temp).map(p -> p.getFileName().toString()))
                .as("the window's files and hook.pid are gone").doesNotContain("debug-hook.rc", "debug-hook.sh",
                        "debug-hook.status", HookProcessFile.FILE);
        tmux.awaitNoWindow(SESSION, "db-relation-changed");
    }

    @Test
    void aShellThatExitsNonZeroFailsTheHook() throws Exception {
        fx.hook("install", "open-port 80");

        Future<HookResult> run = debug(HookSpec.unit("install"));

        tmux.awaitScreen(SESSION, "install", "wordpress/0:install");
        tmux.type(SESSION, "install", "./hooks/install");
        tmux.type(SESSION, "install", "exit 1");
        HookResult result = result(run);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.failure()).contains("hook install exited with code 1");
        assertThat(result.succeeded()).as("so the caller commits nothing").isFalse();
    }

    @Test
    void aHookWithoutAFileStillGetsAWindow() throws Exception {
        Future<HookResult> run = debug(HookSpec.unit("upgrade-charm"));

        tmux.awaitScreen(SESSION, "upgrade-charm", "wordpress/0:upgrade-charm");
        tmux.type(SESSION, "upgrade-charm", "exit 0");

        assertThat(result(run).exitCode()).isZero();
    }

    @Test
    void aWindowClosedWithoutAnExitStatusFailsTheHook() throws Exception {
        Future<HookResult> run = debug(HookSpec.unit("start"));
        tmux.awaitWindow(SESSION, "start");

        tmux.run(tmux.commands().command("kill-window", "-t", "=" + SESSION + ":start"));

        HookResult result = result(run);
        assertThat(result.exitCode()).isEqualTo(HookRunner.WINDOW_CLOSED);
        assertThat(result.failure()).contains("the debug window of hook start closed without an exit status");
    }

    @Test
    void anInterruptedAgentClosesTheWindow() throws Exception {
        Future<HookResult> run = debug(HookSpec.unit("stop"));
        tmux.awaitWindow(SESSION, "stop");

        run.cancel(true);

        tmux.awaitNoWindow(SESSION, "stop");
        assertThat(run).isCancelled();
    }

    @Test
    void withoutTmuxTheHookFailsAndSaysWhy() throws Exception {
        DebugSession nowhere = new DebugSession(new TmuxCommands(List.of("-S", "/nonexistent/dir/tmux.socket")), SESSION);

        HookResult result = fx.runner.debug(fx.charmDir, HookSpec.unit("install"), HookFixture.data(), fx.unitLog, nowhere);

        assertThat(result.exitCode()).isEqualTo(HookRunner.NOT_EXECUTABLE);
        assertThat(result.failure()).hasValueSatisfying(m -> assertThat(m).startsWith("cannot debug hook install: ")
                .contains("/nonexistent/dir/tmux.socket"));
    }
}
