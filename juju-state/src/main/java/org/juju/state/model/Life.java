package org.juju.state.model;

import org.juju.state.error.InvalidInputException;

/**
 * Lifecycle of a machine, service or unit. The client only ever moves an entity from
 * {@link #ALIVE} to {@link #DYING}; the agent responsible finishes the work (stop hooks,
 * instance termination) and removes it. Entities that no agent has taken up yet (an unassigned
 * unit) are removed at once.
 */
public enum Life {
    ALIVE, DYING;

    /** The form stored in znodes and printed in status. */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Parses the stored form; absent means alive.
     *
     * @throws InvalidInputException for anything but {@code alive} or {@code dying}
     */
    public static Life parse(String text) {
        if (text == null) {
            return ALIVE;
        }
        for (Life life : values()) {
            if (life.text().equalsIgnoreCase(text)) {
                return life;
            }
        }
        throw new InvalidInputException("invalid life '" + text + "': expected alive or dying");
    }
}
