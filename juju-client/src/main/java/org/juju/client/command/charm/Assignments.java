package org.juju.client.command.charm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.state.error.InvalidInputException;

/** The {@code KEY=VALUE} arguments of the charm tools' repeatable options. */
final class Assignments {
    private Assignments() {
    }

    /**
     * Splits each text at its first {@code =}: a non-empty key, and a value that may be empty or
     * hold further {@code =}. A later key replaces an earlier one; the order of first use is kept.
     *
     * @param option the option the texts came with, named in the error
     * @throws InvalidInputException naming the option and the text if one has no {@code =} or an empty key
     */
    static Map<String, String> parse(String option, List<String> texts) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String text : texts) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("invalid " + option + " '" + text + "': expected KEY=VALUE");
            }
            values.put(text.substring(0, eq), text.substring(eq + 1));
        }
        return values;
    }
}
