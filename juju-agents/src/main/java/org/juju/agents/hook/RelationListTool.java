package org.juju.agents.hook;

import java.util.EnumSet;
import java.util.Set;

/** {@code relation-list [-r ID]}: the relation's remote members, sorted, one per line. */
final class RelationListTool implements HookTool {
    @Override
    public String name() {
        return "relation-list";
    }

    @Override
    public String usage() {
        return "[-r ID] [--format smart|json|shell|yaml] [-o FILE]";
    }

    @Override
    public Set<ToolOption> options() {
        return EnumSet.of(ToolOption.RELATION, ToolOption.FORMAT, ToolOption.OUTPUT);
    }

    @Override
    public void run(ToolCall call) {
        call.args().atMost(0);
        call.emit(call.context().relationMembers(call.relation()).stream().map(Object::toString).toList());
    }
}
