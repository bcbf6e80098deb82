package org.juju.agents.charmkit.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;
import org.juju.state.io.TextFiles;

/**
 * Reads scenario files (format: docs/charm-scenarios.md) with the project's hardened YAML codec.
 * Unknown keys are refused, as are values of the wrong type: the message names the file and the key
 * path ({@code tests/join.yaml: hooks[1].expect.status.state: expected a string, found a list}).
 * What needs the charm to check (hook, relation and option names) is checked when the scenario runs.
 */
public final class ScenarioParser {
    static final List<String> TOP = List.of("description", "unit", "config", "addresses", "stubs", "relations", "hooks");
    static final List<String> RELATION = List.of("relation", "id", "members", "remote-settings", "local-settings");
    static final List<String> STEP = List.of("hook", "relation-id", "remote-unit", "config", "remote-settings", "expect");
    static final List<String> EXPECT = List.of("exit-code", "settings", "status", "ports", "stdout-contains",
            "stderr-contains", "log-contains");
    static final List<String> STATUS = List.of("state", "message", "message-contains");
    private static final List<String> ADDRESSES = List.of("private-address", "public-address");

    private final ScenarioFields fields;

    private ScenarioParser(String source) {
        this.fields = new ScenarioFields(source);
    }

    /** Reads {@code file}; the scenario is named after it ({@link ScenarioFiles#name}). */
    public static Scenario read(Path file) {
        String text;
        try {
            text = TextFiles.readUtf8(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file);
    }

    /** Parses {@code text} as if read from {@code file}. */
    public static Scenario parse(String text, Path file) {
        return new ScenarioParser(file.toString()).scenario(YamlCodec.parse(text, file.toString()),
                ScenarioFiles.name(file), file);
    }

    private Scenario scenario(Object document, String name, Path file) {
        if (document == null) {
            throw fields.error("", "empty scenario: expected at least the key 'hooks'");
        }
        Map<String, Object> top = fields.object(document, "", TOP);
        Optional<String> unit = Optional.ofNullable(top.get("unit")).map(u -> fields.string(u, "unit"));
        Map<String, String> addresses = fields.settings(top.get("addresses"), "addresses", false);
        for (String key : addresses.keySet()) {
            if (!ADDRESSES.contains(key)) {
                throw fields.error("addresses." + key, "unknown key (expected one of: " + String.join(", ", ADDRESSES) + ")");
            }
        }
        Map<String, String> stubs = new LinkedHashMap<>();
        fields.mapping(top.get("stubs"), "stubs").forEach((command, script) ->
                stubs.put(command, fields.string(script, "stubs." + command)));
        List<RelationSetup> relations = new ArrayList<>();
        List<?> relationList = fields.list(top.get("relations"), "relations");
        for (int i = 0; i < relationList.size(); i++) {
            relations.add(relation(relationList.get(i), "relations[" + i + "]"));
        }
        if (!top.containsKey("hooks")) {
            throw fields.error("", "missing key 'hooks' (the hooks to run, in order)");
        }
        List<?> hookList = fields.list(top.get("hooks"), "hooks");
        if (hookList.isEmpty()) {
            throw fields.error("hooks", "expected at least one hook");
        }
        List<ScenarioStep> steps = new ArrayList<>();
        for (int i = 0; i < hookList.size(); i++) {
            steps.add(step(hookList.get(i), "hooks[" + i + "]"));
        }
        String description = top.get("description") == null ? "" : fields.string(top.get("description"), "description");
        return new Scenario(name, file, description, unit, fields.mapping(top.get("config"), "config"), addresses,
                stubs, relations, steps);
    }

    private RelationSetup relation(Object value, String path) {
        Map<String, Object> map = fields.object(value, path, RELATION);
        return new RelationSetup(required(map, "relation", path),
                Optional.ofNullable(map.get("id")).map(id -> fields.integer(id, path + ".id", 0, 999_999_999)),
                fields.strings(map.get("members"), path + ".members"),
                fields.unitSettings(map.get("remote-settings"), path + ".remote-settings"),
                fields.settings(map.get("local-settings"), path + ".local-settings", false));
    }

    private ScenarioStep step(Object value, String path) {
        Map<String, Object> map = value instanceof String hook ? Map.of("hook", hook) : fields.mapping(value, path);
        String hook = required(map, "hook", path);
        String at = path + " (" + hook + ")";
        fields.object(map, at, STEP);
        return new ScenarioStep(hook,
                Optional.ofNullable(map.get("relation-id")).map(id -> fields.integer(id, at + ".relation-id", 0, 999_999_999)),
                Optional.ofNullable(map.get("remote-unit")).map(u -> fields.string(u, at + ".remote-unit")),
                fields.mapping(map.get("config"), at + ".config"),
                fields.unitSettings(map.get("remote-settings"), at + ".remote-settings"),
                expectation(map.get("expect"), at + ".expect"));
    }

    private Expectation expectation(Object value, String path) {
        Map<String, Object> map = fields.object(value, path, EXPECT);
        int exitCode = map.get("exit-code") == null ? 0 : fields.integer(map.get("exit-code"), path + ".exit-code", 0, 255);
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        fields.mapping(map.get("settings"), path + ".settings").forEach((relation, v) ->
                settings.put(relation, fields.settings(v, path + ".settings." + relation, true)));
        Optional<StatusExpectation> status = Optional.ofNullable(map.get("status")).map(s -> status(s, path + ".status"));
        Optional<List<String>> ports = map.containsKey("ports")
                ? Optional.of(fields.strings(map.get("ports"), path + ".ports")) : Optional.empty();
        return new Expectation(exitCode, settings, status, ports,
                fields.strings(map.get("stdout-contains"), path + ".stdout-contains"),
                fields.strings(map.get("stderr-contains"), path + ".stderr-contains"),
                fields.strings(map.get("log-contains"), path + ".log-contains"));
    }

    private StatusExpectation status(Object value, String path) {
        Map<String, Object> map = value instanceof String state ? Map.of("state", state) : fields.object(value, path, STATUS);
        String state = required(map, "state", path);
        if (!List.of("maintenance", "blocked", "waiting", "active").contains(state)) {
            throw fields.error(path + ".state", "'" + state + "' is no status (expected maintenance, blocked, waiting or active)");
        }
        return new StatusExpectation(state,
                Optional.ofNullable(map.get("message")).map(m -> fields.scalar(m, path + ".message")),
                Optional.ofNullable(map.get("message-contains")).map(m -> fields.scalar(m, path + ".message-contains")));
    }

    private String required(Map<String, Object> map, String key, String path) {
        if (map.get(key) == null) {
            throw fields.error(path, "missing key '" + key + "'");
        }
        return fields.string(map.get(key), ScenarioFields.join(path, key));
    }
}
