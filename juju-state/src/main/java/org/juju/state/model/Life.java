package org.juju.state.model;

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

    public static Life parse(String text) {
        return text == null ? ALIVE : valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
}
