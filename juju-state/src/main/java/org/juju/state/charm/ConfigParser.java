package org.juju.state.charm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.juju.state.error.CharmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a config.yaml mapping into a {@link ConfigSchema}, collecting warnings. */
final class ConfigParser {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigParser.class);
    private static final Set<String> OPTION_KEYS = Set.of("type", "default", "description");

    private final String source;
    private final List<String> warnings = new ArrayList<>();

    private ConfigParser(String source) {
        this.source = source;
    }

    static Parsed<ConfigSchema> parse(Map<String, Object> data, String source) {
        return new ConfigParser(source).run(data);
    }

    private Parsed<ConfigSchema> run(Map<String, Object> data) {
        if (data.isEmpty()) {
            return new Parsed<>(ConfigSchema.EMPTY, warnings);
        }
        if (!data.containsKey("options")) {
            throw new CharmException(source + ": missing required key 'options'");
        }
        for (String key : data.keySet()) {
            if (!key.equals("options")) {
                warn("unknown key '" + key + "' ignored");
            }
        }
        Map<String, Object> declared = YamlFields.mapping(data.get("options"), source, "options",
                "a mapping of option names to definitions");
        List<ConfigOption> options = new ArrayList<>();
        declared.forEach((name, definition) -> options.add(option(name, definition)));
        return new Parsed<>(new ConfigSchema(options), warnings);
    }

    private ConfigOption option(String name, Object definition) {
        String key = "options." + name;
        if (!(definition instanceof Map)) {
            throw YamlFields.wrongType(source, key, "a mapping with type, default and description", definition);
        }
        Map<String, Object> fields = YamlFields.mapping(definition, source, key, "a mapping");
        for (String field : fields.keySet()) {
            if (!OPTION_KEYS.contains(field)) {
                warn("key '" + key + "." + field + "': unknown key ignored");
            }
        }
        OptionType type = OptionType.STRING;
        if (fields.get("type") != null) {
            String typeName = YamlFields.string(fields.get("type"), source, key + ".type");
            if (typeName.equals("str")) {
                warn("option '" + name + "': type 'str' is obsolete, use 'string'");
                typeName = "string";
            }
            String given = typeName;
            type = OptionType.fromYamlName(typeName).orElseThrow(() -> new CharmException(source + ": option '"
                    + name + "': unknown type '" + given + "' (expected string, int, float or boolean)"));
        }
        String description = fields.get("description") == null ? ""
                : YamlFields.string(fields.get("description"), source, key + ".description");
        Object rawDefault = fields.get("default");
        Object defaultValue = rawDefault == null ? null : type.fromYaml(rawDefault, false);
        if (rawDefault != null && defaultValue == null) {
            throw new CharmException(source + ": option '" + name + "': default " + YamlFields.show(rawDefault)
                    + " is not " + type.described()
                    + (type == OptionType.STRING ? " (quote it to make it one)" : ""));
        }
        try {
            return new ConfigOption(name, type, defaultValue, description);
        } catch (CharmException e) {
            throw new CharmException(source + ": " + e.getMessage(), e);
        }
    }

    private void warn(String problem) {
        String warning = source + ": " + problem;
        LOG.warn("{}", warning);
        warnings.add(warning);
    }
}
