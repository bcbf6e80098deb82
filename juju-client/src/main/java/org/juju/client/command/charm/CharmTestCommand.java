package org.juju.client.command.charm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.agents.charmkit.scenario.ScenarioFiles;
import org.juju.agents.charmkit.scenario.ScenarioResult;
import org.juju.agents.charmkit.scenario.ScenarioRunner;
import org.juju.agents.charmkit.scenario.StepResult;
import org.juju.agents.hook.HookRunner;
import org.juju.client.Logging;
import org.juju.state.charm.Charm;
import org.juju.state.charm.CharmDirectory;
import org.juju.state.codec.Json;
import org.juju.state.error.ErrorCode;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.JujuException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code juju charm test DIR [SCENARIO...]}: runs the charm's scenario files ({@code DIR/tests/*.yaml},
 * in name order, or the ones named) each on a fresh simulated unit, and reports like a test runner.
 * Exit 0 when all passed, 1 when any failed, 2 for bad input: DIR no charm, no tests, an unknown
 * scenario name, or a malformed scenario file (reported as a failed scenario, the others still run).
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run a charm's scenario files (tests/*.yaml) against a simulated unit.")
public final class CharmTestCommand extends CharmToolCommand {
    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "DIR", description = "The charm directory.")
    Path charmDir;

    @Parameters(index = "1..*", paramLabel = "SCENARIO",
            description = "Scenarios to run (file names in DIR/tests, with or without .yaml); default: all.")
    List<String> names = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML to FILE.")
    Path junit;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
    Format format;

    @Option(names = "-k", paramLabel = "SUBSTRING", description = "Run only the scenarios whose name contains SUBSTRING.")
    String keyword;

    @Override
    protected int run() {
        // A failing hook is reported in the scenario's result; the runner's warning would repeat it.
        Logging.quiet(HookRunner.class.getName(), verbose());
        Charm charm = readCharm();
        List<Path> files = select(ScenarioFiles.list(charmDir));
        List<ScenarioResult> results = new ArrayList<>();
        for (Path file : files) {
            ScenarioResult result = ScenarioRunner.run(charmDir, file);
            results.add(result);
            if (format == Format.text) {
                printText(result);
            }
        }
        long passed = results.stream().filter(ScenarioResult::passed).count();
        long failed = results.size() - passed;
        if (junit != null) {
            JunitReport.write(junit, charm.name(), results);
        }
        if (format == Format.json) {
            out().println(Json.write(json(charm, results, passed, failed)));
        } else {
            out().println(passed + " passed, " + failed + " failed");
        }
        out().flush();
        if (results.stream().anyMatch(ScenarioResult::malformed)) {
            return ErrorCode.INVALID_INPUT.exitCode();
        }
        return failed == 0 ? 0 : 1;
    }

    private Charm readCharm() {
        try {
            return CharmDirectory.read(charmDir);
        } catch (JujuException e) {
            throw new InvalidInputException("not a charm directory: " + e.getMessage(), e);
        }
    }

    private List<Path> select(List<Path> files) {
        Map<String, Path> byName = new LinkedHashMap<>();
        files.forEach(f -> byName.put(ScenarioFiles.name(f), f));
        List<Path> selected = new ArrayList<>();
        for (String name : names) {
            Path file = byName.get(ScenarioFiles.name(name));
            if (file == null) {
                throw new InvalidInputException("no scenario '" + name + "' in " + charmDir.resolve("tests")
                        + " (it has: " + String.join(", ", byName.keySet()) + ")");
            }
            if (!selected.contains(file)) {
                selected.add(file);
            }
        }
        if (selected.isEmpty()) {
            selected.addAll(files);
        }
        if (keyword != null) {
            selected = selected.stream().filter(f -> ScenarioFiles.name(f).contains(keyword)).toList();
            if (selected.isEmpty()) {
                throw new InvalidInputException("no scenario name contains '" + keyword + "' (-k)");
            }
        }
        return selected;
    }

    private void printText(ScenarioResult result) {
        if (result.passed()) {
            int hooks = result.steps().size();
            out().println("PASS " + result.name() + " (" + hooks + (hooks == 1 ? " hook, " : " hooks, ")
                    + result.duration().toMillis() + " ms)");
        } else {
            out().println("FAIL " + result.name() + ": " + result.failure().get());
            result.output().lines().forEach(line -> out().println("    " + line));
        }
        out().flush();
    }

    private static Map<String, Object> json(Charm charm, List<ScenarioResult> results, long passed, long failed) {
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (ScenarioResult result : results) {
            Map<String, Object> scenario = new LinkedHashMap<>();
            scenario.put("name", result.name());
            scenario.put("file", result.file().toString());
            scenario.put("result", result.passed() ? "pass" : result.malformed() ? "malformed" : "fail");
            scenario.put("duration-ms", result.duration().toMillis());
            scenario.put("failure", result.failure().orElse(null));
            List<Map<String, Object>> steps = new ArrayList<>();
            for (StepResult step : result.steps()) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("index", step.index());
                map.put("hook", step.hook());
                map.put("exit-code", step.run().exitCode());
                map.put("differences", step.differences());
                map.put("stdout", step.run().stdout());
                map.put("stderr", step.run().stderr());
                steps.add(map);
            }
            scenario.put("hooks", steps);
            scenarios.add(scenario);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("charm", charm.name());
        document.put("scenarios", scenarios);
        document.put("passed", passed);
        document.put("failed", failed);
        return document;
    }
}
