package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.state.model.UnitName;
import org.junit.jupiter.api.Test;

/** The pure parts of debug-hooks on the agent's side: tmux command lines and the window's files. */
class DebugCommandLinesTest {
    private static final TmuxCommands TMUX = TmuxCommands.socket(Path.of("/data/machines/1/units/app-0/tmux.socket"));
    private static final Path CHARM = Path.of("/data/machines/1/units/app-0/charm");

    @Test
    void everyCommandAddressesTheUnitsServerAndItsSessionExactly() {
        assertThat(TMUX.hasSession("juju-debug-app-0")).containsExactly("tmux", "-S",
                "/data/machines/1/units/app-0/tmux.socket", "has-session", "-t", "=juju-debug-app-0");
        assertThat(TMUX.newSession("juju-debug-app-0", CHARM)).containsExactly("tmux", "-S",
                "/data/machines/1/units/app-0/tmux.socket", "new-session", "-d", "-s", "juju-debug-app-0", "-c", CHARM.toString());
        assertThat(TMUX.newWindow("juju-debug-app-0", "db-relation-joined", CHARM, List.of("/bin/sh", "/d/debug-hook.sh")))
                .containsExactly("tmux", "-S", "/data/machines/1/units/app-0/tmux.socket", "new-window",
                        "-t", "=juju-debug-app-0:", "-n", "db-relation-joined", "-c", CHARM.toString(),
                        "-P", "-F", "#{pane_pid}", "/bin/sh", "/d/debug-hook.sh");
        assertThat(TmuxCommands.named("test-1").command("kill-server")).containsExactly("tmux", "-L", "test-1", "kill-server");
    }

    @Test
    void theRcFileExportsTheHooksEnvironmentQuotedAndNamesTheHookInThePrompt() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CHARM_DIR", CHARM.toString());
        env.put("JUJU_HOOK_NAME", "install");
        env.put("ODD", "it's $HOME `x`");

        String rc = DebugShell.rcFile(UnitName.parse("app/0"), "install", env);

        assertThat(rc.lines()).contains(
                "export CHARM_DIR='/data/machines/1/units/app-0/charm'",
                "export JUJU_HOOK_NAME='install'",
                "export ODD='it'\\''s $HOME `x`'",
                "PS1='app/0:install \\W\\$ '",
                "cd \"$CHARM_DIR\"",
                "echo 'Run the hook with ./hooks/$JUJU_HOOK_NAME (or anything else), then leave:'");
    }

    @Test
    void theScriptRunsBashOnTheRcFileWithNothingInheritedButTermAndRecordsItsStatus() {
        assertThat(DebugShell.script(Path.of("/u/debug-hook.rc"), Path.of("/u/debug-hook.status")).lines()).containsExactly(
                "# juju debug-hooks: the shell of one hook; its exit status is the hook's",
                "env -i TERM=\"${TERM:-dumb}\" /bin/bash --noprofile --rcfile '/u/debug-hook.rc' -i",
                "echo $? > '/u/debug-hook.status.tmp'",
                "mv -f '/u/debug-hook.status.tmp' '/u/debug-hook.status'");
    }

    @Test
    void quotingSurvivesEverySingleQuote() {
        assertThat(DebugShell.quote("")).isEqualTo("''");
        assertThat(DebugShell.quote("a'b''c")).isEqualTo("'a'\\''b'\\'''\\''c'");
    }
}
