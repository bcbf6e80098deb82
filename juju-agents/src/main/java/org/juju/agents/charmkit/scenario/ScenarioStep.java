package org.juju.agents.charmkit.scenario;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One hook of a scenario, with what changes just before it and what it must leave behind.
 *
 * @param hook           the hook's name ({@code install}, {@code db-relation-changed})
 * @param relationId     the relation of a relation hook; empty for the one relation of that name
 * @param remoteUnit     the remote unit of a relation hook; empty for the relation's first member
 * @param config         config options set before the hook (a null value goes back to the default)
 * @param remoteSettings remote units' settings replaced before the hook: unit to key to value
 * @param expect         what the hook must do
 */
public record ScenarioStep(String hook, Optional<Integer> relationId, Optional<String> remoteUnit,
                           Map<String, Object> config, Map<String, Map<String, String>> remoteSettings,
                           Expectation expect) {
    public ScenarioStep {
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(relationId, "relationId");
        Objects.requireNonNull(remoteUnit, "remoteUnit");
        config = ScenarioFields.copy(config);
        remoteSettings = ScenarioFields.copy(remoteSettings);
        Objects.requireNonNull(expect, "expect");
    }
}
