package org.juju.agents.charmkit.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One scenario file, parsed: how to set up the simulated unit, then the hooks to run in order.
 *
 * @param name        the file's name without {@code .yaml}
 * @param file        the file it was read from
 * @param description what the scenario shows, for people (may be empty)
 * @param unit        the unit's name ({@code webfront/0}); empty for {@code NAME/0} of the charm
 * @param config      config options set before the first hook, as {@code deploy --config}
 * @param addresses   {@code private-address} and {@code public-address}
 * @param stubs       command name to script, put first on the hooks' PATH
 * @param relations   relations the unit is in before the first hook
 * @param steps       the hooks, in order (at least one)
 */
public record Scenario(String name, Path file, String description, Optional<String> unit, Map<String, Object> config,
                       Map<String, String> addresses, Map<String, String> stubs, List<RelationSetup> relations,
                       List<ScenarioStep> steps) {
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(unit, "unit");
        config = ScenarioFields.copy(config);
        addresses = ScenarioFields.copy(addresses);
        stubs = ScenarioFields.copy(stubs);
        relations = List.copyOf(relations);
        steps = List.copyOf(steps);
    }
}
