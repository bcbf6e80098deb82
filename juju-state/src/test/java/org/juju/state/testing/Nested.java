package org.juju.state.testing;

import java.util.Map;

/** Walks nested plain-data maps (status documents) in tests. */
public final class Nested {
    private Nested() {
    }

    /** The map reached from {@code map} through {@code keys}; fails with a ClassCastException or NPE if absent. */
    @SuppressWarnings("unchecked")
    public static Map<Object, Object> at(Map<?, ?> map, Object... keys) {
        Map<Object, Object> current = (Map<Object, Object>) map;
        for (Object key : keys) {
            current = (Map<Object, Object>) current.get(key);
        }
        return current;
    }
}
