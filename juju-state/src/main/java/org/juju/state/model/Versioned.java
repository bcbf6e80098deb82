package org.juju.state.model;

import java.util.Objects;

/**
 * A value read from a znode together with the znode's data version at the time of the read, so a
 * later write can be a compare-and-set against exactly what was read.
 */
public record Versioned<T>(T value, int version) {
    public Versioned {
        Objects.requireNonNull(value, "value");
    }
}
