package org.juju.state.model;

import org.juju.state.error.InvalidInputException;

/**
 * A relation's environment-wide number. Hooks see it as {@code JUJU_RELATION_ID}, prefixed with the
 * relation name of the unit's side ({@code db:0}); {@link #hookId(String)} builds that form.
 */
public record RelationId(int value) implements Comparable<RelationId> {
    public RelationId {
        if (value < 0) {
            throw new InvalidInputException("invalid relation id " + value);
        }
    }

    /** Parses {@code 3} or {@code db:3}. */
    public static RelationId parse(String text) {
        String digits = text == null ? "" : text.substring(text.indexOf(':') + 1);
        if (!digits.matches("\\d{1,9}")) {
            throw new InvalidInputException("invalid relation id '" + text + "': expected NAME:NUMBER such as db:0");
        }
        return new RelationId(Integer.parseInt(digits));
    }

    /** The id as hooks see it, for the relation named {@code relationName} on their side. */
    public String hookId(String relationName) {
        return relationName + ":" + value;
    }

    @Override
    public int compareTo(RelationId other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
