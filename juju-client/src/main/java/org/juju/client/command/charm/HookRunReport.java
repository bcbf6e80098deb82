package org.juju.client.command.charm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.juju.agents.charmkit.HookRun;
import org.juju.agents.hook.LogLine;
import org.juju.agents.hook.WorkloadStatus;
import org.juju.provider.Port;
import org.juju.state.codec.Json;
import org.juju.state.model.RelationId;

/**
 * What {@code juju charm run-hook} prints about one {@link HookRun}: as text for people (a header,
 * then only the sections that have something) or as one JSON object with every field.
 *
 * @param run           the run
 * @param relationNames the relation name of each relation id the hook could write to, for {@code kv:0}
 * @param failure       why the run failed, in one line (the run's own, with paths of the working copy
 *                      shown as the user's charm directory); null if it succeeded
 * @param ran           false if the charm has no file for the hook, so nothing ran (which succeeds, as on a unit)
 */
record HookRunReport(HookRun run, Map<RelationId, String> relationNames, String failure, boolean ran) {
    /** The text form: the hook, its exit code and duration, then the non-empty sections. */
    String text() {
        StringBuilder out = new StringBuilder();
        out.append("hook: ").append(run.hookName());
        run.relationId().ifPresent(id -> out.append(" (relation ").append(id)
                .append(run.remoteUnit().map(unit -> ", remote unit " + unit).orElse("")).append(')'));
        out.append('\n');
        out.append("exit code: ").append(run.exitCode()).append(" (").append(run.duration().toMillis()).append(" ms)\n");
        if (failure != null) {
            out.append("failure: ").append(failure).append('\n');
        }
        if (!ran) {
            out.append("not run: the charm has no hooks/").append(run.hookName()).append(" (a unit skips it the same way)\n");
        }
        if (!run.settingsSet().isEmpty()) {
            out.append("relation settings set:\n");
            run.settingsSet().forEach((id, values) -> {
                out.append("  ").append(hookId(id)).append('\n');
                values.forEach((key, value) -> out.append("    ").append(value == null ? key + " (deleted)" : key + "=" + value)
                        .append('\n'));
            });
        }
        line(out, "ports opened", ports(run.portsOpened()));
        line(out, "ports closed", ports(run.portsClosed()));
        run.statusSet().ifPresent(status -> out.append("status set: ").append(status.state().text())
                .append(status.message().isEmpty() ? "" : ": " + status.message()).append('\n'));
        section(out, "juju-log", run.logs().stream().map(log -> log.level() + " " + log.message()).toList());
        section(out, "stdout", run.stdout());
        section(out, "stderr", run.stderr());
        return out.toString();
    }

    /** The JSON form: one object, every field present (empty or null when there is nothing), and a newline. */
    String json() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("hook", run.hookName());
        data.put("ran", ran);
        data.put("relation-id", run.relationId().orElse(null));
        data.put("remote-unit", run.remoteUnit().orElse(null));
        data.put("exit-code", run.exitCode());
        data.put("duration-ms", run.duration().toMillis());
        data.put("failure", failure);
        Map<String, Object> settings = new LinkedHashMap<>();
        run.settingsSet().forEach((id, values) -> settings.put(hookId(id), new LinkedHashMap<>(values)));
        data.put("settings", settings);
        data.put("ports-opened", run.portsOpened().stream().map(Port::toString).toList());
        data.put("ports-closed", run.portsClosed().stream().map(Port::toString).toList());
        data.put("status", run.statusSet().map(HookRunReport::status).orElse(null));
        List<Object> logs = new ArrayList<>();
        for (LogLine log : run.logs()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("level", log.level().name());
            entry.put("message", log.message());
            logs.add(entry);
        }
        data.put("logs", logs);
        data.put("stdout", run.stdout());
        data.put("stderr", run.stderr());
        return Json.write(data) + "\n";
    }

    private String hookId(RelationId id) {
        String name = relationNames.get(id);
        return name == null ? "relation " + id.value() : id.hookId(name);
    }

    private static Map<String, Object> status(WorkloadStatus status) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("state", status.state().text());
        entry.put("message", status.message());
        return entry;
    }

    private static String ports(List<Port> ports) {
        return ports.stream().map(Port::toString).collect(Collectors.joining(", "));
    }

    private static void line(StringBuilder out, String title, String text) {
        if (!text.isEmpty()) {
            out.append(title).append(": ").append(text).append('\n');
        }
    }

    private static void section(StringBuilder out, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            out.append(title).append(":\n");
            lines.forEach(text -> out.append("  ").append(text).append('\n'));
        }
    }
}
