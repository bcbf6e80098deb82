package org.juju.agents.charmkit.scenario;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A relation the unit is in when a scenario starts.
 *
 * @param name           the relation's name in the charm's metadata ({@code db})
 * @param id             its id; empty for the next free one (0, 1, ...)
 * @param members        remote units already in it (no {@code -joined} hooks run for them)
 * @param remoteSettings settings each remote unit has published: unit to key to value
 * @param localSettings  the unit's own settings, as if earlier hooks had set them
 */
public record RelationSetup(String name, Optional<Integer> id, List<String> members,
                            Map<String, Map<String, String>> remoteSettings, Map<String, String> localSettings) {
    public RelationSetup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        members = List.copyOf(members);
        remoteSettings = ScenarioFields.copy(remoteSettings);
        localSettings = ScenarioFields.copy(localSettings);
    }
}
