package org.juju.agents.charmkit.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.agents.charmkit.HookRun;
import org.juju.agents.charmkit.SimulatedUnit;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.JujuException;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/**
 * Runs scenarios on fresh {@link SimulatedUnit}s of a charm, one unit per scenario, closed after it.
 * A scenario stops at its first failing step: a hook that did not do what was expected, or a step
 * the unit refuses (a hook, relation, unit or option the charm does not have). Hooks run on this
 * host for real: what the scenario does not stub, they do.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    /**
     * Reads and runs one scenario file. A file that is no valid scenario gives a
     * {@link ScenarioResult#malformed malformed} result, not an exception.
     *
     * @throws org.juju.state.error.CharmException if {@code charmDir} holds no valid charm
     */
    public static ScenarioResult run(Path charmDir, Path scenarioFile) {
        Scenario scenario;
        try {
            scenario = ScenarioParser.read(scenarioFile);
        } catch (JujuException e) {
            return ScenarioResult.malformed(scenarioFile, e.getMessage());
        }
        return run(charmDir, scenario);
    }

    /** Runs a parsed scenario on a fresh unit of the charm in {@code charmDir}. */
    public static ScenarioResult run(Path charmDir, Scenario scenario) {
        long started = System.nanoTime();
        List<StepResult> steps = new ArrayList<>();
        Optional<String> failure;
        try (SimulatedUnit unit = scenario.unit().isPresent()
                ? startNamed(charmDir, scenario)
                : SimulatedUnit.start(charmDir)) {
            failure = setUp(unit, scenario);
            for (int i = 0; failure.isEmpty() && i < scenario.steps().size(); i++) {
                failure = step(unit, scenario, i, steps);
            }
        } catch (SetupFailure e) {
            failure = Optional.of(e.getMessage());
        }
        return new ScenarioResult(scenario.name(), scenario.file(), steps, failure, false,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static SimulatedUnit startNamed(Path charmDir, Scenario scenario) {
        UnitName name;
        try {
            name = UnitName.parse(scenario.unit().get());
        } catch (JujuException e) {
            throw new SetupFailure(scenario.file() + ": unit: " + e.getMessage());
        }
        return SimulatedUnit.start(charmDir, name);
    }

    private static Optional<String> setUp(SimulatedUnit unit, Scenario scenario) {
        try {
            scenario.config().forEach(unit::config);
            scenario.addresses().forEach(unit::address);
            scenario.stubs().forEach(unit::stub);
            for (int i = 0; i < scenario.relations().size(); i++) {
                relate(unit, scenario.relations().get(i));
            }
            return Optional.empty();
        } catch (JujuException e) {
            return Optional.of(scenario.file() + ": set-up: " + e.getMessage());
        }
    }

    private static void relate(SimulatedUnit unit, RelationSetup relation) {
        String[] members = relation.members().toArray(String[]::new);
        RelationId id = relation.id().isPresent()
                ? unit.relate(relation.name(), new RelationId(relation.id().get()), members)
                : unit.relate(relation.name(), members);
        relation.remoteSettings().forEach((remote, settings) -> unit.remoteSettings(id, remote, settings));
        if (!relation.localSettings().isEmpty()) {
            unit.localSettings(id, relation.localSettings());
        }
    }

    private static Optional<String> step(SimulatedUnit unit, Scenario scenario, int index, List<StepResult> steps) {
        ScenarioStep step = scenario.steps().get(index);
        String where = scenario.file() + ": " + StepResult.label(index, step.hook()) + ": ";
        HookRun run;
        try {
            step.config().forEach(unit::config);
            run = run(unit, step);
        } catch (JujuException e) {
            return Optional.of(where + e.getMessage());
        }
        List<String> differences = ExpectationCheck.differences(step.expect(), run, unit);
        steps.add(new StepResult(index, step.hook(), run, differences));
        return differences.isEmpty() ? Optional.empty() : Optional.of(where + String.join("; ", differences));
    }

    private static HookRun run(SimulatedUnit unit, ScenarioStep step) {
        if (step.relationId().isEmpty() && step.remoteUnit().isEmpty()) {
            if (!step.remoteSettings().isEmpty()) {
                RelationId id = unit.relation(relationName(unit, step.hook()));
                step.remoteSettings().forEach((remote, settings) -> unit.remoteSettings(id, remote, settings));
            }
            return unit.run(step.hook());
        }
        RelationId id = step.relationId().map(RelationId::new)
                .orElseGet(() -> unit.relation(relationName(unit, step.hook())));
        step.remoteSettings().forEach((remote, settings) -> unit.remoteSettings(id, remote, settings));
        String remote = step.remoteUnit().orElseGet(() -> step.hook().endsWith("-relation-broken") ? null
                : unit.members(id).isEmpty() ? null : unit.members(id).get(0));
        return unit.run(step.hook(), id, remote);
    }

    /** The relation a relation hook is for ({@code db} of {@code db-relation-changed}). */
    private static String relationName(SimulatedUnit unit, String hook) {
        int at = hook.lastIndexOf("-relation-");
        if (at <= 0) {
            throw new InvalidInputException("remote-settings, relation-id and remote-unit"
                    + " are for relation hooks; " + hook + " is none");
        }
        return hook.substring(0, at);
    }

    /** A set-up problem found before any hook could run. */
    private static final class SetupFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SetupFailure(String message) {
            super(message, null, false, false);
        }
    }
}
