package org.juju.agents.hook;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/**
 * {@code relation-get [-r ID] [KEY|-] [UNIT]}: a unit's settings in a relation, all of them
 * ({@code -} or no key) or one (a missing key prints as null: an empty line in smart format). The
 * unit defaults to the hook's remote unit; it may be this unit.
 */
final class RelationGetTool implements HookTool {
    @Override
    public String name() {
        return "relation-get";
    }

    @Override
    public String usage() {
        return "[-r ID] [--format smart|json|shell|yaml] [-o FILE] [KEY|-] [UNIT]";
    }

    @Override
    public Set<ToolOption> options() {
        return EnumSet.of(ToolOption.RELATION, ToolOption.FORMAT, ToolOption.OUTPUT);
    }

    @Override
    public void run(ToolCall call) {
        ToolArgs args = call.args();
        args.atMost(2);
        RelationId id = call.relation();
        List<String> positionals = args.positionals();
        String key = positionals.isEmpty() ? "-" : positionals.get(0);
        UnitName unit = positionals.size() == 2
                ? UnitName.parse(positionals.get(1))
                : call.context().spec().remoteUnit();
        if (unit == null) {
            throw new InvalidInputException("no unit given and this hook has no remote unit: use relation-get KEY UNIT");
        }
        Map<String, String> settings = call.context().relationSettings(id, unit);
        if (key.equals("-")) {
            call.emit(settings);
        } else {
            call.emitKeyed(key, settings.get(key));
        }
    }
}
