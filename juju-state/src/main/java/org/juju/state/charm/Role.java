package org.juju.state.charm;

import java.util.Arrays;
import java.util.Optional;

/** The role a charm plays in a relation, as declared under one of the metadata.yaml keys. */
public enum Role {
    /** Declared under {@code provides}. */
    PROVIDER("provides"),
    /** Declared under {@code requires}. */
    REQUIRER("requires"),
    /** Declared under {@code peers}: the service relates to itself. */
    PEER("peers");

    private final String yamlKey;

    Role(String yamlKey) {
        this.yamlKey = yamlKey;
    }

    /** The metadata.yaml key relations of this role are declared under. */
    public String yamlKey() {
        return yamlKey;
    }

    /** The role at the other end of a relation: provider and requirer pair up, peers with peers. */
    public Role counterpart() {
        return switch (this) {
            case PROVIDER -> REQUIRER;
            case REQUIRER -> PROVIDER;
            case PEER -> PEER;
        };
    }

    /** The role declared under the metadata.yaml key {@code key}, if it is one of the three. */
    public static Optional<Role> fromYamlKey(String key) {
        return Arrays.stream(values()).filter(r -> r.yamlKey.equals(key)).findFirst();
    }
}
