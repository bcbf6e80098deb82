package org.juju.agents.hook;

import java.util.EnumSet;
import java.util.Set;
import org.juju.provider.Port;
import org.juju.state.error.InvalidInputException;

/** {@code open-port PORT[/PROTO]} and {@code close-port PORT[/PROTO]} (tcp by default): buffered. */
final class PortTool implements HookTool {
    private final boolean open;

    PortTool(boolean open) {
        this.open = open;
    }

    @Override
    public String name() {
        return open ? "open-port" : "close-port";
    }

    @Override
    public String usage() {
        return "PORT[/tcp|/udp]";
    }

    @Override
    public Set<ToolOption> options() {
        return EnumSet.noneOf(ToolOption.class);
    }

    @Override
    public void run(ToolCall call) {
        call.args().atMost(1);
        if (call.args().positionals().isEmpty()) {
            throw new InvalidInputException("no port given");
        }
        Port port = Port.parse(call.args().positionals().get(0));
        if (open) {
            call.context().openPort(port);
        } else {
            call.context().closePort(port);
        }
    }
}
