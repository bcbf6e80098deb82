package org.juju.state.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A znode as read: its path, its decoded YAML mapping and its data version (for compare-and-set).
 * The data map is an unmodifiable copy.
 */
public record Node(String path, Map<String, Object> data, int version) {
    public Node {
        Objects.requireNonNull(path, "path");
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The string value of {@code key}, or {@code null}. */
    public String string(String key) {
        Object value = data.get(key);
        return value == null ? null : value.toString();
    }

    /** The integer value of {@code key}, or {@code fallback} when absent. */
    public long number(String key, long fallback) {
        Object value = data.get(key);
        return value instanceof Number n ? n.longValue() : fallback;
    }

    /** The boolean value of {@code key}, false when absent. */
    public boolean flag(String key) {
        return Boolean.TRUE.equals(data.get(key));
    }
}
