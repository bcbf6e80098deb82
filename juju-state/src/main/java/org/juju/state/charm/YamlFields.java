package org.juju.state.charm;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.CharmException;

/** Typed access to values of a parsed charm file, failing with one-line messages naming file and key. */
final class YamlFields {
    private YamlFields() {
    }

    static String string(Object value, String source, String key) {
        if (value instanceof String s) {
            return s;
        }
        throw wrongType(source, key, "a string", value);
    }

    static boolean bool(Object value, String source, String key) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrongType(source, key, "a boolean (true or false)", value);
    }

    /** An integer that fits an int; YAML gives Integer, Long or BigInteger depending on size. */
    static int integer(Object value, String source, String key) {
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            BigInteger big = new BigInteger(value.toString());
            if (big.bitLength() < 32) {
                return big.intValue();
            }
            throw new CharmException(source + ": key '" + key + "': " + value + " is too large");
        }
        throw wrongType(source, key, "an integer", value);
    }

    /** A mapping with string keys, in document order; {@code null} (an empty value) gives an empty map. */
    static Map<String, Object> mapping(Object value, String source, String key, String expected) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw wrongType(source, key, expected, value);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new CharmException(source + ": key '" + key + "': expected names as keys, found "
                        + YamlCodec.describe(e.getKey()) + " '" + e.getKey() + "'");
            }
            result.put(name, e.getValue());
        }
        return result;
    }

    static CharmException wrongType(String source, String key, String expected, Object found) {
        return new CharmException(source + ": key '" + key + "': expected " + expected + ", found "
                + YamlCodec.describe(found));
    }

    /** A value as it would be written in YAML, for messages: strings quoted, others as they are. */
    static String show(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
