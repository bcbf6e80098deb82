package org.juju.agents.hook;

import java.util.EnumSet;
import java.util.Set;
import org.juju.state.error.InvalidInputException;

/** {@code unit-get private-address|public-address}: an address of the unit (null if not known yet). */
final class UnitGetTool implements HookTool {
    @Override
    public String name() {
        return "unit-get";
    }

    @Override
    public String usage() {
        return "[--format smart|json|shell|yaml] [-o FILE] private-address|public-address";
    }

    @Override
    public Set<ToolOption> options() {
        return EnumSet.of(ToolOption.FORMAT, ToolOption.OUTPUT);
    }

    @Override
    public void run(ToolCall call) {
        call.args().atMost(1);
        String key = call.args().positionals().isEmpty() ? "" : call.args().positionals().get(0);
        if (!key.equals("private-address") && !key.equals("public-address")) {
            throw new InvalidInputException("expected private-address or public-address"
                    + (key.isEmpty() ? "" : ", got '" + key + "'"));
        }
        call.emit(call.context().unitAddress(key));
    }
}
