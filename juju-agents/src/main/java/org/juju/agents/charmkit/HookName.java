package org.juju.agents.charmkit;

import java.util.List;
import org.juju.state.charm.CharmMetadata;
import org.juju.state.error.InvalidInputException;

/**
 * A hook name checked against a charm: a unit hook, or {@code <relation>-relation-<kind>} of a
 * relation the charm declares (juju-info included). Tools that take options per kind of hook (such
 * as {@code juju charm run-hook}) check them against it before running anything.
 *
 * @param name         the hook's name
 * @param relationName the relation of a relation hook, null for a unit hook
 * @param kind         {@code joined}, {@code changed}, {@code departed} or {@code broken}; null for a unit hook
 */
public record HookName(String name, String relationName, String kind) {
    private static final List<String> KINDS = List.of("joined", "changed", "departed", "broken");

    /** @throws InvalidInputException naming the hooks the charm can be sent if {@code name} is none of them */
    public static HookName parse(String name, CharmMetadata metadata) {
        if (!metadata.hookNames().contains(name)) {
            throw new InvalidInputException("charm " + metadata.name() + " is never sent a hook '" + name
                    + "' (its hooks: " + String.join(", ", metadata.hookNames()) + ")");
        }
        for (String kind : KINDS) {
            String suffix = "-relation-" + kind;
            if (name.endsWith(suffix) && metadata.relation(name.substring(0, name.length() - suffix.length())).isPresent()) {
                return new HookName(name, name.substring(0, name.length() - suffix.length()), kind);
            }
        }
        return new HookName(name, null, null);
    }

    public boolean isRelationHook() {
        return relationName != null;
    }
}
