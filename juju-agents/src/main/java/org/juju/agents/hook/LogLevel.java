package org.juju.agents.hook;

import java.util.Locale;
import org.juju.state.error.InvalidInputException;

/** The levels {@code juju-log -l} accepts, as in the original (Python's logging names). */
public enum LogLevel {
    DEBUG, INFO, WARNING, ERROR, CRITICAL;

    /** Parses a level name case-insensitively; {@code WARN} is taken for {@link #WARNING}. */
    public static LogLevel parse(String text) {
        String upper = text == null ? "" : text.toUpperCase(Locale.ROOT);
        if (upper.equals("WARN")) {
            return WARNING;
        }
        for (LogLevel level : values()) {
            if (level.name().equals(upper)) {
                return level;
            }
        }
        throw new InvalidInputException("invalid log level '" + text + "': expected DEBUG, INFO, WARNING, ERROR or CRITICAL");
    }
}
