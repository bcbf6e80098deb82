package org.juju.agents.hook;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code config-get [KEY]}: the service's configuration with defaults merged, or one option's value
 * (null, printed as an empty line in smart format, for an option that is unset or unknown).
 */
final class ConfigGetTool implements HookTool {
    @Override
    public String name() {
        return "config-get";
    }

    @Override
    public String usage() {
        return "[--format smart|json|shell|yaml] [-o FILE] [KEY]";
    }

    @Override
    public Set<ToolOption> options() {
        return EnumSet.of(ToolOption.FORMAT, ToolOption.OUTPUT);
    }

    @Override
    public void run(ToolCall call) {
        call.args().atMost(1);
        if (call.args().positionals().isEmpty()) {
            call.emit(call.context().config());
        } else {
            String key = call.args().positionals().get(0);
            call.emitKeyed(key, call.context().config().get(key));
        }
    }
}
