package org.juju.state.charm;

import java.util.Arrays;
import java.util.Optional;

/** Where a relation applies: between all units of the two services, or only inside one container. */
public enum Scope {
    /** Every unit of one service relates to every unit of the other (the default). */
    GLOBAL("global"),
    /** A subordinate unit relates only to the principal unit it is deployed next to. */
    CONTAINER("container");

    private final String text;

    Scope(String text) {
        this.text = text;
    }

    /** The form written in metadata.yaml and stored in ZooKeeper. */
    public String text() {
        return text;
    }

    /** The scope written {@code text} in metadata.yaml, if there is one. */
    public static Optional<Scope> fromText(String text) {
        return Arrays.stream(values()).filter(s -> s.text.equals(text)).findFirst();
    }
}
