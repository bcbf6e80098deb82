package org.juju.state.charm;

import java.util.List;
import java.util.Objects;

/**
 * The result of parsing a charm file: the value and the warnings found on the way (unknown keys,
 * obsolete fields). Warnings are also logged when they are found; they are kept here so that a
 * command can show them to the user.
 *
 * @param value    the parsed value, never null
 * @param warnings one-line warnings, each naming the file and the key; empty when there are none
 */
public record Parsed<T>(T value, List<String> warnings) {
    public Parsed {
        Objects.requireNonNull(value, "value");
        warnings = List.copyOf(warnings);
    }
}
