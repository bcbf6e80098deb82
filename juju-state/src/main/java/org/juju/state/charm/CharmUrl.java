package org.juju.state.charm;

import java.util.regex.Pattern;
import org.juju.state.error.InvalidInputException;

/**
 * A charm URL: {@code local:SERIES/NAME[-REV]} for a charm from a local repository, or
 * {@code cs:[~USER/]SERIES/NAME[-REV]} for a charm from the charm store.
 *
 * @param schema   {@code local} or {@code cs}
 * @param user     the charm store user ({@code ~user}), or null; always null for local charms
 * @param series   the OS series, e.g. {@code precise}
 * @param name     the charm name, e.g. {@code mysql}
 * @param revision the revision, or null when the URL names no revision (meaning "the latest")
 * @throws InvalidInputException when a part is not well formed
 */
public record CharmUrl(String schema, String user, String series, String name, Integer revision) {
    /** The schema of charms from a local repository. */
    public static final String LOCAL = "local";
    /** The schema of charms from the charm store. */
    public static final String STORE = "cs";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]*[a-z][a-z0-9]*)*");
    private static final Pattern SERIES = Pattern.compile("[a-z]+[a-z0-9]*");
    private static final Pattern USER = Pattern.compile("[a-z0-9][a-zA-Z0-9+.-]+");

    public CharmUrl {
        if (!LOCAL.equals(schema) && !STORE.equals(schema)) {
            throw new InvalidInputException("unknown charm URL schema '" + schema + "' (expected cs or local)");
        }
        if (user != null && (LOCAL.equals(schema) || !USER.matcher(user).matches())) {
            throw new InvalidInputException(LOCAL.equals(schema) ? "a local charm URL cannot name a user"
                    : "invalid charm store user '" + user + "'");
        }
        if (series == null || !SERIES.matcher(series).matches()) {
            throw new InvalidInputException("invalid series '" + series
                    + "': use lower-case letters and digits, starting with a letter");
        }
        if (!isValidName(name)) {
            throw new InvalidInputException("invalid charm name '" + name + "': use lower-case letters, digits"
                    + " and hyphens, starting with a letter (a part after a hyphen may not be only digits)");
        }
        if (revision != null && revision < 0) {
            throw new InvalidInputException("invalid charm revision " + revision + ": must not be negative");
        }
    }

    /** The URL {@code local:SERIES/NAME} (no revision). */
    public static CharmUrl local(String series, String name) {
        return new CharmUrl(LOCAL, null, series, name, null);
    }

    /** The URL {@code local:SERIES/NAME-REVISION}. */
    public static CharmUrl local(String series, String name, int revision) {
        return new CharmUrl(LOCAL, null, series, name, revision);
    }

    /** True when {@code text} is a valid charm name. */
    public static boolean isValidName(String text) {
        return text != null && NAME.matcher(text).matches();
    }

    /**
     * Parses a complete URL: the schema and the series must be given.
     *
     * @throws InvalidInputException naming {@code text} and what is wrong with it
     */
    public static CharmUrl parse(String text) {
        return CharmUrlParser.parse(text, null, true);
    }

    /**
     * Parses a URL the way {@code juju deploy} does: without a schema, {@code cs:} is assumed; without
     * a series, {@code defaultSeries}. So {@code mysql} is {@code cs:SERIES/mysql} and
     * {@code local:mysql} is {@code local:SERIES/mysql}.
     *
     * @param defaultSeries the series of the environment; may be null, then a series must be given
     * @throws InvalidInputException naming {@code text} and what is wrong with it
     */
    public static CharmUrl parse(String text, String defaultSeries) {
        return CharmUrlParser.parse(text, defaultSeries, false);
    }

    /**
     * Reverses {@link #quoted()}.
     *
     * @throws InvalidInputException when {@code quoted} is not the quoted form of a charm URL
     */
    public static CharmUrl fromQuoted(String quoted) {
        return parse(CharmUrlParser.unquote(quoted));
    }

    /** True for a charm from a local repository. */
    public boolean isLocal() {
        return LOCAL.equals(schema);
    }

    /** True when the URL names a revision. */
    public boolean hasRevision() {
        return revision != null;
    }

    /** This URL with the revision {@code newRevision}. */
    public CharmUrl withRevision(int newRevision) {
        return new CharmUrl(schema, user, series, name, newRevision);
    }

    /** This URL without a revision. */
    public CharmUrl withoutRevision() {
        return new CharmUrl(schema, user, series, name, null);
    }

    /**
     * The form used as a znode name: {@code _} becomes {@code _5f_}, then {@code :} {@code _3a_},
     * {@code /} {@code _2f_} and {@code ~} {@code _7e_}; {@code cs:precise/mysql-3} is
     * {@code cs_3a_precise_2f_mysql-3}. Reversible with {@link #fromQuoted(String)}.
     */
    public String quoted() {
        return CharmUrlParser.quote(toString());
    }

    /** The canonical text, e.g. {@code cs:~joe/precise/mysql-3}; {@link #parse(String)} reads it back. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(schema).append(':');
        if (user != null) {
            text.append('~').append(user).append('/');
        }
        text.append(series).append('/').append(name);
        if (revision != null) {
            text.append('-').append(revision);
        }
        return text.toString();
    }
}
