package org.juju.agents.charmkit.scenario;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;

/**
 * Typed access to the values of one parsed scenario file. Every failure is an
 * {@link InvalidInputException} naming the file and the key path ({@code hooks[1].expect.ports}).
 */
final class ScenarioFields {
    private final String source;

    ScenarioFields(String source) {
        this.source = source;
    }

    /** An unmodifiable copy keeping order and null values. */
    static <V> Map<String, V> copy(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    InvalidInputException error(String path, String problem) {
        return new InvalidInputException(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    /** A mapping with string keys, each one of {@code known}; null (an empty value) gives an empty map. */
    Map<String, Object> object(Object value, String path, List<String> known) {
        Map<String, Object> map = mapping(value, path);
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw error(join(path, key), "unknown key (expected one of: " + String.join(", ", known) + ")");
            }
        }
        return map;
    }

    /** A mapping with string keys, in document order; null gives an empty map. */
    Map<String, Object> mapping(Object value, String path) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw wrongType(path, "a mapping", value);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw error(path, "expected names as keys, found " + YamlCodec.describe(e.getKey()) + " '" + e.getKey() + "'");
            }
            result.put(key, e.getValue());
        }
        return result;
    }

    String string(Object value, String path) {
        if (value instanceof String s) {
            return s;
        }
        throw wrongType(path, "a string", value);
    }

    /** A string, number or boolean, as text (settings values are text; {@code port: 80} is meant as "80"). */
    String scalar(Object value, String path) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw wrongType(path, "a string", value);
    }

    int integer(Object value, String path, int min, int max) {
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            BigInteger big = new BigInteger(value.toString());
            if (big.compareTo(BigInteger.valueOf(min)) >= 0 && big.compareTo(BigInteger.valueOf(max)) <= 0) {
                return big.intValue();
            }
            throw error(path, value + " is out of range (" + min + " to " + max + ")");
        }
        throw wrongType(path, "an integer", value);
    }

    /** A list of scalars as text; a single scalar is taken as a list of one. */
    List<String> strings(Object value, String path) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            return List.of(scalar(value, path));
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            result.add(scalar(list.get(i), path + "[" + i + "]"));
        }
        return result;
    }

    /** A list of anything; null gives an empty list. */
    List<?> list(Object value, String path) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw wrongType(path, "a list", value);
    }

    /** A mapping of keys to scalar text; null values kept only if {@code nullsAllowed}. */
    Map<String, String> settings(Object value, String path, boolean nullsAllowed) {
        Map<String, String> result = new LinkedHashMap<>();
        mapping(value, path).forEach((key, v) -> {
            if (v == null && !nullsAllowed) {
                throw error(join(path, key), "expected a value, found nothing");
            }
            result.put(key, v == null ? null : scalar(v, join(path, key)));
        });
        return result;
    }

    /** A mapping of unit names to settings. */
    Map<String, Map<String, String>> unitSettings(Object value, String path) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        mapping(value, path).forEach((unit, v) -> result.put(unit, settings(v, join(path, unit), false)));
        return result;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private InvalidInputException wrongType(String path, String expected, Object found) {
        return error(path, "expected " + expected + (path.isEmpty() ? " at the top level" : "") + ", found "
                + YamlCodec.describe(found));
    }
}
