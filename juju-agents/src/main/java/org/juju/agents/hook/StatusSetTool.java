package org.juju.agents.hook;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.juju.state.error.InvalidInputException;

/** {@code status-set STATE [MESSAGE...]}: buffers the workload status; the words are joined by spaces. */
final class StatusSetTool implements HookTool {
    @Override
    public String name() {
        return "status-set";
    }

    @Override
    public String usage() {
        return "maintenance|blocked|waiting|active [MESSAGE]";
    }

    @Override
    public Set<ToolOption> options() {
        return EnumSet.noneOf(ToolOption.class);
    }

    @Override
    public void run(ToolCall call) {
        List<String> words = call.args().positionals();
        if (words.isEmpty()) {
            throw new InvalidInputException("no status given");
        }
        WorkloadState state = WorkloadState.parse(words.get(0));
        call.context().setStatus(new WorkloadStatus(state, String.join(" ", words.subList(1, words.size()))));
    }
}
