package org.juju.agents.hook;

import java.util.EnumSet;
import java.util.Set;
import org.juju.state.error.InvalidInputException;

/** {@code juju-log [-l LEVEL] MSG...}: the words joined by spaces, into the unit log (INFO by default). */
final class JujuLogTool implements HookTool {
    @Override
    public String name() {
        return "juju-log";
    }

    @Override
    public String usage() {
        return "[-l DEBUG|INFO|WARNING|ERROR|CRITICAL] MESSAGE...";
    }

    @Override
    public Set<ToolOption> options() {
        return EnumSet.of(ToolOption.LEVEL);
    }

    @Override
    public void run(ToolCall call) {
        LogLevel level = LogLevel.parse(call.args().option(ToolOption.LEVEL).orElse("INFO"));
        if (call.args().positionals().isEmpty()) {
            throw new InvalidInputException("no message given");
        }
        call.context().log(level, String.join(" ", call.args().positionals()));
    }
}
