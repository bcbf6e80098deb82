package org.juju.agents.hook;

import java.util.Set;

/**
 * One hook tool, run inside the agent. Implementations are stateless and thread-safe; a run reads
 * and writes only through its {@link ToolCall}. Failures are thrown as
 * {@link org.juju.state.error.JujuException}s and turned into exit codes by {@link HookTools}.
 */
interface HookTool {
    /** The command name, e.g. {@code relation-get}. */
    String name();

    /** The arguments after the name, for the usage line. */
    String usage();

    /** The options accepted (besides {@code -h}/{@code --help}). */
    Set<ToolOption> options();

    void run(ToolCall call);
}
