package org.juju.agents.hook;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.juju.state.model.UnitName;

/**
 * The two files behind a {@code juju debug-hooks} window, as text. Pure.
 *
 * <p>The window runs {@link #script} with {@code /bin/sh}: an interactive bash whose environment is
 * exactly the hook's (read from {@link #rcFile}, nothing inherited but {@code TERM}), working in
 * the charm directory, with a prompt naming the unit and the hook; when that shell exits, its exit
 * status is written to the status file (whole: written beside it, then renamed), where the unit
 * agent reads the hook's result.
 */
final class DebugShell {
    private DebugShell() {
    }

    /**
     * The rc file of the window's bash: exports {@code environment}, sets the prompt, changes to
     * {@code $CHARM_DIR} and says what to do.
     */
    static String rcFile(UnitName unit, String hookName, Map<String, String> environment) {
        StringBuilder text = new StringBuilder("# juju debug-hooks: hook " + hookName + " of " + unit
                + " (written by its unit agent)\n");
        environment.forEach((name, value) -> text.append("export ").append(name).append('=').append(quote(value)).append('\n'));
        text.append("PS1=").append(quote(unit + ":" + hookName + " \\W\\$ ")).append('\n');
        text.append("cd \"$CHARM_DIR\"\n");
        for (String line : List.of(
                "Hook " + hookName + " of " + unit + ": this shell has its environment and tools.",
                "Run the hook with ./hooks/$JUJU_HOOK_NAME (or anything else), then leave:",
                "exit 0: the hook succeeded (its changes are committed); exit 1: it failed.")) {
            text.append("echo ").append(quote(line)).append('\n');
        }
        return text.toString();
    }

    /** The program of the window: runs the shell of {@code rcFile}, then records its exit status. */
    static String script(Path rcFile, Path statusFile) {
        return "# juju debug-hooks: the shell of one hook; its exit status is the hook's\n"
                + "env -i TERM=\"${TERM:-dumb}\" /bin/bash --noprofile --rcfile " + quote(rcFile.toString()) + " -i\n"
                + "echo $? > " + quote(statusFile + ".tmp") + "\n"
                + "mv -f " + quote(statusFile + ".tmp") + " " + quote(statusFile.toString()) + "\n";
    }

    /** {@code text} as one single-quoted shell word. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
