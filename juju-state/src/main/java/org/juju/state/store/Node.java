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

    /**
     * This node's data with {@code changes} applied: a {@code null} value removes its key, any
     * other value sets it. Order of existing keys is kept, new keys come last.
     */
    public Map<String, Object> merged(Map<String, ?> changes) {
        Map<String, Object> result = new LinkedHashMap<>(data);
        changes.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else {
                result.put(key, value);
            }
        });
        return result;
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
