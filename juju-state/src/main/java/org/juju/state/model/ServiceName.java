package org.juju.state.model;

import java.util.regex.Pattern;
import org.juju.state.error.InvalidInputException;

/**
 * A service name such as {@code mysql} or {@code my-blog}: lower-case letters, digits and hyphens,
 * starting with a letter, and no hyphen-separated segment made only of digits (so that
 * {@code name-N} unit keys are unambiguous). The same rule as the original.
 */
public record ServiceName(String value) implements Comparable<ServiceName> {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]*[a-z][a-z0-9]*)*");

    public ServiceName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("invalid service name '" + value
                    + "': use lower-case letters, digits and hyphens, starting with a letter"
                    + " (a part after a hyphen may not be only digits)");
        }
    }

    public static ServiceName of(String value) {
        return new ServiceName(value);
    }

    /** True when {@code value} is a valid service name. */
    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public int compareTo(ServiceName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
