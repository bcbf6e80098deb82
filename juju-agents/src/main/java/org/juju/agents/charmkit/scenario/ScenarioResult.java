package org.juju.agents.charmkit.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one scenario file: passed, failed (a hook did not do what was expected, or the
 * scenario asked for something the charm does not have), or malformed (the file could not be read
 * as a scenario; no hook ran).
 *
 * @param name      the scenario's name (the file's name without {@code .yaml})
 * @param file      the scenario file
 * @param steps     the hooks run, in order; a scenario stops at its first failing step
 * @param failure   why it failed, naming the file and the step; empty if it passed
 * @param malformed true if the file itself was invalid
 * @param duration  how long it took, set-up and clean-up included
 */
public record ScenarioResult(String name, Path file, List<StepResult> steps, Optional<String> failure,
                             boolean malformed, Duration duration) {
    public ScenarioResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        steps = List.copyOf(steps);
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(duration, "duration");
        if (malformed && failure.isEmpty()) {
            throw new IllegalArgumentException("a malformed scenario has a failure");
        }
    }

    /** The result for a file that is no valid scenario: {@code problem} names the file and key. */
    public static ScenarioResult malformed(Path file, String problem) {
        return new ScenarioResult(ScenarioFiles.name(file), file, List.of(), Optional.of(problem), true, Duration.ZERO);
    }

    public boolean passed() {
        return failure.isEmpty();
    }

    /** @throws AssertionError with the failure message and the hooks' output, unless it passed (for JUnit) */
    public void assertPassed() {
        if (!passed()) {
            throw new AssertionError(failure.get() + (steps.isEmpty() ? "" : "\n" + output()));
        }
    }

    /**
     * What the hooks wrote, step by step: a header line per step ({@code --- step 0 (install): exit 0}),
     * then its standard output, standard error and {@code juju-log} lines, each prefixed.
     */
    public String output() {
        StringBuilder out = new StringBuilder();
        for (StepResult step : steps) {
            out.append("--- ").append(step.label()).append(": exit ").append(step.run().exitCode()).append('\n');
            step.run().stdout().forEach(line -> out.append("stdout: ").append(line).append('\n'));
            step.run().stderr().forEach(line -> out.append("stderr: ").append(line).append('\n'));
            step.run().logs().forEach(line -> out.append("log ").append(line.level()).append(": ")
                    .append(line.message()).append('\n'));
        }
        return out.toString();
    }
}
