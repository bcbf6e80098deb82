package org.juju.client.command;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Marks a unit (or one of its relations) in error as resolved, optionally re-running the failed hook. */
@Command(name = "resolved", description = "Mark a unit, or one of its relations, as resolved after a hook error.")
public final class ResolvedCommand extends BaseCommand {
    @Option(names = {"-r", "--retry"}, description = "Run the failed hook again.")
    boolean retry;

    @Parameters(index = "0", paramLabel = "UNIT")
    String unit;

    @Parameters(index = "1", arity = "0..1", paramLabel = "RELATION", description = "Relation name (db) or id (db:3).")
    String relation;

    @Override
    protected int run() {
        UnitName name = UnitName.parse(unit);
        try (EnvironmentSession session = connect()) {
            Optional<RelationId> id = Optional.ofNullable(relation).map(r -> relationId(session, name, r));
            session.state().units().resolved(name, id, retry);
        }
        out().println("Marked " + name + (relation == null ? "" : " relation " + relation) + " as resolved"
                + (retry ? "; the failed hook will run again." : "."));
        return 0;
    }

    private static RelationId relationId(EnvironmentSession session, UnitName unit, String text) {
        Map<RelationId, String> relations = session.state().relations().relationsOf(unit.service());
        if (text.contains(":")) {
            return RelationId.parse(text);
        }
        List<RelationId> named = relations.entrySet().stream().filter(e -> e.getValue().equals(text)).map(Map.Entry::getKey).toList();
        if (named.isEmpty()) {
            throw new NotFoundException("service '" + unit.service() + "' has no relation named '" + text + "'");
        }
        if (named.size() > 1) {
            throw new InvalidInputException("relation name '" + text + "' of " + unit.service() + " matches several relations ("
                    + Texts.join(named.stream().map(id -> id.hookId(text)).toList()) + "): give the id");
        }
        return named.get(0);
    }
}
