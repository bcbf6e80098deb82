package org.juju.state.model;

import java.util.Locale;

/**
 * A unit's agent state as {@code juju status} shows it, with the original's names. The unit agent
 * writes it; {@link #DOWN} is never stored: status derives it when a unit that left
 * {@link #PENDING} has no presence node.
 */
public enum UnitAgentState {
    PENDING, INSTALLED, STARTED, STOPPED,
    INSTALL_ERROR, START_ERROR, CONFIGURE_ERROR, STOP_ERROR, CHARM_UPGRADE_ERROR,
    DOWN;

    /** The hyphenated form: {@code install-error}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isError() {
        return name().endsWith("_ERROR");
    }

    /** Parses the hyphenated form; unknown text is an {@link IllegalArgumentException}. */
    public static UnitAgentState parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
