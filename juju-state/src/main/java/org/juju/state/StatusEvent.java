package org.juju.state;

import java.time.Instant;
import java.util.Objects;

/**
 * What caused a write of a unit's status, for its status history ({@link StatusHistory}): an entry
 * is appended when the write changes the unit's agent-state, or always for a {@link #note}.
 *
 * @param time    when it happened (the writer's clock)
 * @param hook    the hook that caused it; null for none
 * @param message what happened; null to use the status's own {@code message}
 * @param always  append an entry even if the agent-state stays the same (errors of relations,
 *                retries, resolutions)
 */
public record StatusEvent(Instant time, String hook, String message, boolean always) {
    public StatusEvent {
        Objects.requireNonNull(time, "time");
    }

    /** An entry only if the agent-state changes. */
    public static StatusEvent transition(Instant time, String hook) {
        return new StatusEvent(time, hook, null, false);
    }

    /** An entry in any case. */
    public static StatusEvent note(Instant time, String hook, String message) {
        return new StatusEvent(time, hook, message, true);
    }
}
