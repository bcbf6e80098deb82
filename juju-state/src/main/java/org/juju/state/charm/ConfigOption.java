package org.juju.state.charm;

import java.util.Objects;
import org.juju.state.error.CharmException;

/**
 * One option of a charm's config.yaml.
 *
 * @param name         the option name
 * @param type         the option type
 * @param defaultValue the default, of the stored Java type of {@code type} (Long for int, ...), or
 *                     null when the option has no default
 * @param description  the description; null is taken as empty
 * @throws CharmException when the name is blank or the default is not of the option's type
 */
public record ConfigOption(String name, OptionType type, Object defaultValue, String description) {
    public ConfigOption {
        if (name == null || name.isBlank() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '=')) {
            throw new CharmException("invalid config option name '" + name + "': it may not be empty or contain"
                    + " blanks or '='");
        }
        Objects.requireNonNull(type, "type");
        if (defaultValue != null && !type.isInstance(defaultValue)) {
            throw new CharmException("option '" + name + "': default " + YamlFields.show(defaultValue)
                    + " is not " + type.described());
        }
        description = description == null ? "" : description;
    }

    /** True when the option has a default value. */
    public boolean hasDefault() {
        return defaultValue != null;
    }
}
