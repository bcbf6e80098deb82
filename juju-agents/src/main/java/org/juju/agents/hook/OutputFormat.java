package org.juju.agents.hook;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.juju.state.codec.Json;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;

/**
 * How a hook tool prints a result: a scalar (string, number, boolean or null), a list or a map.
 * Every rendering ends with a newline, except an empty list in smart and shell formats (nothing).
 */
enum OutputFormat {
    /** Scalars as plain text (null as an empty line), lists one item per line, maps as YAML. */
    SMART {
        @Override
        String render(Object value) {
            if (value instanceof Map) {
                return YamlCodec.dump(value);
            }
            if (value instanceof Collection<?> list) {
                StringBuilder out = new StringBuilder();
                list.forEach(item -> out.append(plain(item)).append('\n'));
                return out.toString();
            }
            return plain(value) + "\n";
        }
    },
    /** Compact JSON on one line. */
    JSON {
        @Override
        String render(Object value) {
            return Json.write(value) + "\n";
        }
    },
    /** A YAML document. */
    YAML {
        @Override
        String render(Object value) {
            return YamlCodec.dump(value);
        }
    },
    /**
     * For {@code eval}: a map as {@code VAR_KEY='value'} lines (the key upper-cased, characters not
     * allowed in shell names turned into {@code _}); a list as one quoted word per line; a scalar as
     * one quoted word. Values are single-quoted, so nothing in them is expanded.
     */
    SHELL {
        @Override
        String render(Object value) {
            StringBuilder out = new StringBuilder();
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> out.append("VAR_").append(variable(String.valueOf(k))).append('=')
                        .append(quote(plain(v))).append('\n'));
            } else if (value instanceof Collection<?> list) {
                list.forEach(item -> out.append(quote(plain(item))).append('\n'));
            } else {
                out.append(quote(plain(value))).append('\n');
            }
            return out.toString();
        }
    };

    abstract String render(Object value);

    /** Parses a {@code --format} value: smart, json, yaml, shell (or its older name, eval). */
    static OutputFormat parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("eval")) {
            return SHELL;
        }
        for (OutputFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(lower)) {
                return format;
            }
        }
        throw new InvalidInputException("invalid format '" + text + "': expected smart, json, yaml or shell");
    }

    /** A scalar as plain text: null is empty, booleans true/false, numbers as Java writes them (1.25). */
    static String plain(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    /** {@code it's} becomes {@code 'it'\''s'}: safe in any POSIX shell. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }
}
