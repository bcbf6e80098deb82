package org.juju.agents.charmkit.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.agents.charmkit.HookRun;
import org.juju.agents.charmkit.SimulatedUnit;
import org.juju.agents.hook.LogLine;
import org.juju.agents.hook.WorkloadStatus;
import org.juju.provider.Port;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.JujuException;
import org.juju.state.model.RelationId;

/** Compares what a hook did, and the unit it left, with an {@link Expectation}: one line per difference. */
final class ExpectationCheck {
    private static final int STDERR_SHOWN = 5;

    private ExpectationCheck() {
    }

    static List<String> differences(Expectation expect, HookRun run, SimulatedUnit unit) {
        List<String> differences = new ArrayList<>();
        if (run.exitCode() != expect.exitCode()) {
            differences.add("exit code: expected " + expect.exitCode() + ", got " + run.exitCode() + stderrTail(run));
        }
        expect.settings().forEach((relation, wanted) -> settings(relation, wanted, unit, differences));
        expect.status().ifPresent(status -> status(status, unit.status(), differences));
        expect.ports().ifPresent(ports -> ports(ports, unit, differences));
        contains("stdout", expect.stdoutContains(), run.stdout(), differences);
        contains("stderr", expect.stderrContains(), run.stderr(), differences);
        contains("log", expect.logContains(), run.logs().stream().map(LogLine::message).toList(), differences);
        return differences;
    }

    private static String stderrTail(HookRun run) {
        List<String> stderr = run.stderr();
        if (stderr.isEmpty()) {
            return "";
        }
        return "; last stderr: " + String.join(" | ", stderr.subList(Math.max(0, stderr.size() - STDERR_SHOWN), stderr.size()));
    }

    private static void settings(String relation, Map<String, String> wanted, SimulatedUnit unit, List<String> differences) {
        Map<String, String> actual;
        try {
            actual = unit.localSettings(relationId(relation, unit));
        } catch (JujuException e) {
            differences.add("settings of " + relation + ": " + e.getMessage());
            return;
        }
        wanted.forEach((key, value) -> {
            String got = actual.get(key);
            if (value == null ? got != null : !value.equals(got)) {
                differences.add("settings of " + relation + ": " + key + ": expected " + show(value) + ", got " + show(got));
            }
        });
    }

    /** {@code kv} (the one kv relation) or {@code kv:3}. */
    private static RelationId relationId(String relation, SimulatedUnit unit) {
        int colon = relation.indexOf(':');
        if (colon < 0) {
            return unit.relation(relation);
        }
        RelationId id = RelationId.parse(relation);
        String name = unit.relations().get(id);
        if (!relation.substring(0, colon).equals(name)) {
            throw new InvalidInputException("the unit is not in relation " + relation
                    + " (it is in " + hookIds(unit) + ")");
        }
        return id;
    }

    private static List<String> hookIds(SimulatedUnit unit) {
        return unit.relations().entrySet().stream().map(e -> e.getKey().hookId(e.getValue())).toList();
    }

    private static void status(StatusExpectation expect, Optional<WorkloadStatus> status, List<String> differences) {
        String actual = status.map(s -> s.state().text() + " \"" + s.message() + "\"").orElse("none set");
        boolean matches = status.isPresent() && status.get().state().text().equals(expect.state())
                && expect.message().map(m -> m.equals(status.get().message())).orElse(true)
                && expect.messageContains().map(m -> status.get().message().contains(m)).orElse(true);
        if (!matches) {
            differences.add("status: expected " + expect.state() + expect.message().map(m -> " \"" + m + "\"").orElse("")
                    + expect.messageContains().map(m -> " containing \"" + m + "\"").orElse("") + ", got " + actual);
        }
    }

    private static void ports(List<String> wanted, SimulatedUnit unit, List<String> differences) {
        List<String> expected;
        try {
            expected = wanted.stream().map(Port::parse).sorted().map(Port::toString).toList();
        } catch (JujuException e) {
            differences.add("ports: " + e.getMessage());
            return;
        }
        List<String> actual = unit.openPorts().stream().sorted().map(Port::toString).toList();
        if (!expected.equals(actual)) {
            differences.add("open ports: expected " + expected + ", got " + actual);
        }
    }

    private static void contains(String stream, List<String> wanted, List<String> lines, List<String> differences) {
        for (String text : wanted) {
            if (lines.stream().noneMatch(line -> line.contains(text))) {
                differences.add(stream + ": expected a line containing \"" + text + "\", got "
                        + (lines.isEmpty() ? "none" : lines.size() + " line(s) without it"));
            }
        }
    }

    private static String show(String value) {
        return value == null ? "absent" : "\"" + value + "\"";
    }
}
