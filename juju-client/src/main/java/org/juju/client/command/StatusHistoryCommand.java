package org.juju.client.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.client.render.Table;
import org.juju.state.StatusHistory;
import org.juju.state.codec.Json;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.UnitName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Shows a unit's last agent-state transitions (hook errors, automatic retries, resolutions),
 * oldest first, from its status history node.
 */
@Command(name = "status-history", description = "Show a unit's recent agent-state transitions, oldest first.")
public final class StatusHistoryCommand extends BaseCommand {
    /** Output formats. */
    enum Format { tabular, yaml, json }

    @Option(names = "-n", paramLabel = "N", defaultValue = "20",
            description = "Show the last N entries (default 20; at most " + StatusHistory.MAX_ENTRIES + " are kept).")
    int count;

    @Option(names = "--format", defaultValue = "tabular", description = "tabular (default), yaml or json.")
    Format format;

    @Parameters(index = "0", paramLabel = "UNIT")
    String unit;

    @Override
    protected int run() {
        if (count < 1) {
            throw new InvalidInputException("-n must be at least 1, got " + count);
        }
        UnitName name = UnitName.parse(unit);
        List<StatusHistory.Entry> entries;
        try (EnvironmentSession session = connect()) {
            entries = session.state().units().statusHistory(name).last(count);
        }
        List<Map<String, Object>> data = entries.stream().map(StatusHistoryCommand::toMap).toList();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("unit", name.toString());
        document.put("history", data);
        switch (format) {
            case yaml -> out().print(YamlCodec.dump(document));
            case json -> out().println(Json.write(document));
            default -> out().print(table(name, entries));
        }
        return 0;
    }

    private static String table(UnitName unit, List<StatusHistory.Entry> entries) {
        if (entries.isEmpty()) {
            return "No status history for " + unit + " yet.\n";
        }
        Table table = new Table("TIME", "STATE", "HOOK", "MESSAGE");
        // Milliseconds are enough to read a history; yaml and json keep the full precision.
        entries.forEach(e -> table.row(e.time().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), e.state(), e.hook(),
                e.message()));
        return table.render();
    }

    private static Map<String, Object> toMap(StatusHistory.Entry entry) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("time", entry.time().toString());
        map.put("state", entry.state());
        if (entry.hook() != null) {
            map.put("hook", entry.hook());
        }
        if (entry.message() != null) {
            map.put("message", entry.message());
        }
        return map;
    }
}
