package org.juju.agents.hook;

import java.util.Objects;

/**
 * What a hook tool run produced: its exit code and its output, as the tool client prints them.
 *
 * @param exitCode {@link HookTools#EXIT_OK}, {@link HookTools#EXIT_FAILED} or {@link HookTools#EXIT_USAGE}
 * @param stdout   text for the tool's standard output
 * @param stderr   text for its standard error: one line naming the tool and the problem, or empty
 */
public record ToolResult(int exitCode, String stdout, String stderr) {
    public ToolResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }
}
