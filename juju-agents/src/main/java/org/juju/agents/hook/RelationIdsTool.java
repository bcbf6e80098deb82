package org.juju.agents.hook;

import java.util.EnumSet;
import java.util.Set;
import org.juju.state.error.InvalidInputException;

/**
 * {@code relation-ids [RELNAME]}: the ids ({@code db:3}) of this unit's relations of that name
 * (by default the hook's relation's), sorted; none is not an error.
 */
final class RelationIdsTool implements HookTool {
    @Override
    public String name() {
        return "relation-ids";
    }

    @Override
    public String usage() {
        return "[--format smart|json|shell|yaml] [-o FILE] [RELNAME]";
    }

    @Override
    public Set<ToolOption> options() {
        return EnumSet.of(ToolOption.FORMAT, ToolOption.OUTPUT);
    }

    @Override
    public void run(ToolCall call) {
        call.args().atMost(1);
        String name = call.args().positionals().isEmpty()
                ? call.context().spec().relationName()
                : call.args().positionals().get(0);
        if (name == null) {
            throw new InvalidInputException("no relation name given and this is not a relation hook");
        }
        call.emit(call.context().relations().entrySet().stream()
                .filter(e -> e.getValue().equals(name))
                .map(e -> e.getKey().hookId(name))
                .toList());
    }
}
