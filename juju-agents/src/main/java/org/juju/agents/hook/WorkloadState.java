package org.juju.agents.hook;

import java.util.Locale;
import org.juju.state.error.InvalidInputException;

/** The workload states a hook may report with {@code status-set}. */
public enum WorkloadState {
    /** The charm is doing work (installing, configuring) that will finish by itself. */
    MAINTENANCE,
    /** The charm needs a human: a missing relation, bad configuration. */
    BLOCKED,
    /** The charm waits for something outside it (another service) that will arrive by itself. */
    WAITING,
    /** The workload is running. */
    ACTIVE;

    /** The form hooks write and status prints: {@code active}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code maintenance|blocked|waiting|active}, case-insensitively. */
    public static WorkloadState parse(String text) {
        for (WorkloadState state : values()) {
            if (state.text().equalsIgnoreCase(text)) {
                return state;
            }
        }
        throw new InvalidInputException("invalid status '" + text + "': expected maintenance, blocked, waiting or active");
    }
}
