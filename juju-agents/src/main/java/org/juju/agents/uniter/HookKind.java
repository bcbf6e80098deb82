package org.juju.agents.uniter;

import java.util.Locale;

/**
 * The hooks a charm can receive. Unit hooks concern the unit as a whole; relation hooks concern one
 * relation and are named after the relation's name on this unit's side ({@code db-relation-joined}).
 */
public enum HookKind {
    INSTALL, CONFIG_CHANGED, START, UPGRADE_CHARM, STOP,
    RELATION_JOINED, RELATION_CHANGED, RELATION_DEPARTED, RELATION_BROKEN;

    /** True for the four relation hooks. */
    public boolean isRelation() {
        return name().startsWith("RELATION_");
    }

    /** True for the relation hooks that name a remote unit (all but broken). */
    public boolean hasRemoteUnit() {
        return isRelation() && this != RELATION_BROKEN;
    }

    /**
     * The hook's file name in the charm's {@code hooks/} directory.
     *
     * @param relationName the relation's name on this unit's side; required for relation hooks,
     *                     ignored for unit hooks
     * @return {@code install}, {@code config-changed}, {@code db-relation-joined}, ...
     * @throws IllegalArgumentException for a relation hook without a relation name
     */
    public String hookName(String relationName) {
        String suffix = name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (!isRelation()) {
            return suffix;
        }
        if (relationName == null || relationName.isEmpty()) {
            throw new IllegalArgumentException(this + " needs a relation name");
        }
        return relationName + "-" + suffix;
    }

    /** The form stored in the state file: {@code config-changed}, {@code relation-joined}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #text()}; unknown text is an {@link IllegalArgumentException}. */
    public static HookKind parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
