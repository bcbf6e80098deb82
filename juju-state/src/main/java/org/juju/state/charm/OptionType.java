package org.juju.state.charm;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The type of a charm config option, with the Java type its values are stored as:
 * {@code string} → {@link String}, {@code int} → {@link Long}, {@code float} → {@link Double},
 * {@code boolean} → {@link Boolean}.
 */
public enum OptionType {
    /** Text, stored as {@link String}; the type of options that do not say. */
    STRING("string", "a string", String.class),
    /** A 64-bit integer, stored as {@link Long}. */
    INT("int", "an int", Long.class),
    /** A finite double, stored as {@link Double}. */
    FLOAT("float", "a float", Double.class),
    /** True or false, stored as {@link Boolean}. */
    BOOLEAN("boolean", "a boolean", Boolean.class);

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private final String yamlName;
    private final String described;
    private final Class<?> javaType;

    OptionType(String yamlName, String described, Class<?> javaType) {
        this.yamlName = yamlName;
        this.described = described;
        this.javaType = javaType;
    }

    /** The name written after {@code type:} in config.yaml. */
    public String yamlName() {
        return yamlName;
    }

    /** The type with an article, for messages: {@code an int}. */
    public String described() {
        return described;
    }

    /** True when {@code value} is a stored value of this type (Long for int, and so on). */
    public boolean isInstance(Object value) {
        return javaType.isInstance(value);
    }

    /** The type named {@code name} in config.yaml. */
    public static Optional<OptionType> fromYamlName(String name) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
    }

    /**
     * Converts user text to a value of this type, or null when the text is not one. Strings are
     * taken as they are; ints are decimal integers; floats decimal numbers (integers included);
     * booleans true/false, yes/no, on/off in any case. Surrounding blanks are ignored except for
     * strings.
     */
    Object parseText(String text) {
        if (this == STRING) {
            return text;
        }
        String t = text.strip();
        return switch (this) {
            case INT -> INTEGER.matcher(t).matches() ? toLong(new BigInteger(t)) : null;
            case FLOAT -> DECIMAL.matcher(t).matches() ? finite(Double.parseDouble(t)) : null;
            case BOOLEAN -> switch (t.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> Boolean.TRUE;
                case "false", "no", "off" -> Boolean.FALSE;
                default -> null;
            };
            default -> throw new AssertionError(this);
        };
    }

    /**
     * Converts a value parsed from YAML to a value of this type, or null when it is not one. YAML
     * integers of any size that fit a long are ints, and are accepted for floats too. With
     * {@code acceptText}, a YAML string is also accepted for a non-string type when it parses as
     * one ({@link #parseText(String)}).
     */
    Object fromYaml(Object value, boolean acceptText) {
        if (value instanceof String text) {
            return this == STRING || acceptText ? parseText(text) : null;
        }
        boolean integral = value instanceof Integer || value instanceof Long || value instanceof BigInteger;
        return switch (this) {
            case STRING -> null;
            case INT -> integral ? toLong(new BigInteger(value.toString())) : null;
            case FLOAT -> integral || value instanceof Double || value instanceof Float
                    ? finite(((Number) value).doubleValue()) : null;
            case BOOLEAN -> value instanceof Boolean ? value : null;
        };
    }

    private static Long toLong(BigInteger value) {
        return value.bitLength() < 64 ? value.longValue() : null;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
