package org.juju.state.charm;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.CharmException;
import org.juju.state.error.InvalidInputException;

/**
 * The options a charm declares in config.yaml, and the conversion of user values to them.
 *
 * <p>Values are stored typed: string → String, int → Long, float → Double, boolean → Boolean. A
 * null value means "not set": the option takes its default (or has no value when there is none).
 *
 * @param options the options in file order; names are unique
 * @throws CharmException when two options have the same name
 */
public record ConfigSchema(List<ConfigOption> options) {
    /** The schema of a charm without config.yaml. */
    public static final ConfigSchema EMPTY = new ConfigSchema(List.of());

    public ConfigSchema {
        options = List.copyOf(options);
        Set<String> seen = new HashSet<>();
        for (ConfigOption option : options) {
            if (!seen.add(option.name())) {
                throw new CharmException("config option '" + option.name() + "' is declared twice");
            }
        }
    }

    /**
     * Parses the text of a config.yaml; an empty text gives {@link #EMPTY}.
     *
     * @param source the file name, used in messages
     * @throws CharmException naming {@code source}, the option and the problem
     */
    public static Parsed<ConfigSchema> parse(String text, String source) {
        try {
            return ConfigParser.parse(YamlCodec.parseMap(text, source), source);
        } catch (InvalidInputException e) {
            throw new CharmException(e.getMessage(), e);
        }
    }

    /** Like {@link #parse(String, String)}, from an already parsed YAML mapping. */
    public static Parsed<ConfigSchema> parse(Map<String, Object> data, String source) {
        return ConfigParser.parse(data, source);
    }

    /** Reads back the form written by {@link #toMap()}; throws {@link CharmException} when it is invalid. */
    public static ConfigSchema fromMap(Map<String, Object> data) {
        return ConfigParser.parse(data, "stored config schema").value();
    }

    /** The config.yaml form: {@code {options: {NAME: {type, default (when there is one), description}}}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (ConfigOption option : options) {
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("type", option.type().yamlName());
            if (option.hasDefault()) {
                form.put("default", option.defaultValue());
            }
            form.put("description", option.description());
            byName.put(option.name(), form);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("options", byName);
        return map;
    }

    /** The option named {@code name}. */
    public Optional<ConfigOption> option(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /**
     * Converts the text a user gave with {@code juju set NAME=TEXT} to the typed value.
     *
     * <p>An empty text means the empty string for a string option, and "unset" for other types:
     * null is returned and the option goes back to its default.
     *
     * @throws InvalidInputException when the option is unknown or the text is not of its type
     */
    public Object parseValue(String option, String text) {
        Objects.requireNonNull(text, "text");
        ConfigOption known = require(option, "");
        if (known.type() != OptionType.STRING && text.isBlank()) {
            return null;
        }
        Object value = known.type().parseText(text);
        if (value == null) {
            throw new InvalidInputException(mustBe(known, text));
        }
        return value;
    }

    /**
     * Checks values read from YAML (e.g. {@code deploy --config FILE}) and converts them to the
     * stored types. Ints may be any YAML integer; a float option also takes an integer; an int,
     * float or boolean option also takes a string that parses as one (see
     * {@link #parseValue(String, String)}); a string option takes only a YAML string (quote
     * numbers). A null value stays null ("unset").
     *
     * @param source where the values come from, used in messages
     * @return the typed values, in the order given
     * @throws InvalidInputException naming {@code source} and the option
     */
    public Map<String, Object> validate(Map<String, Object> values, String source) {
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            ConfigOption known = require(name, source + ": ");
            Object converted = value == null ? null : known.type().fromYaml(value, true);
            if (value != null && converted == null) {
                throw new InvalidInputException(source + ": " + mustBe(known, value)
                        + (known.type() == OptionType.STRING ? " (quote it to make it a string)" : ""));
            }
            typed.put(name, converted);
        });
        return Collections.unmodifiableMap(typed);
    }

    /**
     * Every option with its effective value, in schema order: the user's value when set (non-null),
     * else the default, else null. Names in {@code userSet} the schema does not know (left over from
     * an older charm) are dropped.
     */
    public Map<String, Object> withDefaults(Map<String, Object> userSet) {
        Map<String, Object> effective = new LinkedHashMap<>();
        for (ConfigOption option : options) {
            Object value = userSet.get(option.name());
            effective.put(option.name(), value != null ? value : option.defaultValue());
        }
        return Collections.unmodifiableMap(effective);
    }

    private ConfigOption require(String name, String prefix) {
        return option(name).orElseThrow(() -> new InvalidInputException(prefix + "unknown option '" + name + "'"
                + (options.isEmpty() ? ": the charm has no options"
                : " (known: " + options.stream().map(ConfigOption::name).collect(Collectors.joining(", ")) + ")")));
    }

    private static String mustBe(ConfigOption option, Object got) {
        return "option '" + option.name() + "' must be " + option.type().described() + ", got "
                + (got instanceof String s ? "'" + s + "'" : YamlCodec.describe(got) + " " + got);
    }
}
