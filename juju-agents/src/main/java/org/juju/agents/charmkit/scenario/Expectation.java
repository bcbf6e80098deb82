package org.juju.agents.charmkit.scenario;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a hook must do; only what is given is checked, except the exit code (0 unless given).
 *
 * @param exitCode       the hook's exit code
 * @param settings       the unit's own settings after the hook, per relation ({@code kv} or {@code kv:0}):
 *                       each key listed must have that value, a null value meaning the key is absent
 * @param status         the unit's status after the hook
 * @param ports          the unit's open ports after the hook, exactly ({@code 80/tcp})
 * @param stdoutContains texts each found in some line of the hook's standard output
 * @param stderrContains texts each found in some line of the hook's standard error
 * @param logContains    texts each found in some {@code juju-log} message of the hook
 */
public record Expectation(int exitCode, Map<String, Map<String, String>> settings, Optional<StatusExpectation> status,
                          Optional<List<String>> ports, List<String> stdoutContains, List<String> stderrContains,
                          List<String> logContains) {
    public Expectation {
        settings = ScenarioFields.copy(settings);
        Objects.requireNonNull(status, "status");
        ports = ports.map(List::copyOf);
        stdoutContains = List.copyOf(stdoutContains);
        stderrContains = List.copyOf(stderrContains);
        logContains = List.copyOf(logContains);
    }

    /** Expects exit code 0 and nothing else. */
    public static Expectation success() {
        return new Expectation(0, Map.of(), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of());
    }
}
