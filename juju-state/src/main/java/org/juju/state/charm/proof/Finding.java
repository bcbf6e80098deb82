package org.juju.state.charm.proof;

import java.util.Objects;

/**
 * One problem proof found.
 *
 * @param severity error or warning
 * @param code     a short stable identifier of the check, e.g. {@code hook-not-executable}
 * @param file     the file concerned, relative to the charm directory with '/' separators
 * @param message  one line saying what is wrong (and how to fix it when that is obvious)
 */
public record Finding(Severity severity, String code, String file, String message) {
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** The text form: {@code E: hooks/install: not executable (chmod +x hooks/install)}. */
    @Override
    public String toString() {
        return severity.letter() + ": " + file + ": " + message;
    }
}
