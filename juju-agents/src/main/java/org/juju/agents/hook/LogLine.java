package org.juju.agents.hook;

import java.time.Instant;
import java.util.Objects;

/** A line a hook logged with {@code juju-log}: when, at which level, what. */
public record LogLine(Instant time, LogLevel level, String message) {
    public LogLine {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }
}
