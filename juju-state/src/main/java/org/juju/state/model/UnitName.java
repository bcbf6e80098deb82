package org.juju.state.model;

import java.util.Comparator;
import org.juju.state.error.InvalidInputException;

/**
 * A unit of a service, written {@code mysql/0}. Unit numbers are allocated per service and never
 * reused. {@link #key()} is the form used in znode names ({@code mysql-0}), since ZooKeeper names
 * may not contain a slash.
 */
public record UnitName(ServiceName service, int number) implements Comparable<UnitName> {
    private static final Comparator<UnitName> ORDER =
            Comparator.comparing(UnitName::service).thenComparingInt(UnitName::number);

    public UnitName {
        if (service == null) {
            throw new InvalidInputException("a unit name needs a service");
        }
        if (number < 0) {
            throw new InvalidInputException("invalid unit number " + number + " for " + service);
        }
    }

    /** Parses {@code service/N}; the error names the text that was given. */
    public static UnitName parse(String text) {
        int slash = text == null ? -1 : text.lastIndexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new InvalidInputException("invalid unit name '" + text + "': expected SERVICE/NUMBER, e.g. mysql/0");
        }
        return new UnitName(parseService(text, text.substring(0, slash)), parseNumber(text, text.substring(slash + 1)));
    }

    /** Parses the znode form {@code service-N}. */
    public static UnitName fromKey(String key) {
        int dash = key == null ? -1 : key.lastIndexOf('-');
        if (dash <= 0) {
            throw new InvalidInputException("invalid unit key '" + key + "'");
        }
        return new UnitName(parseService(key, key.substring(0, dash)), parseNumber(key, key.substring(dash + 1)));
    }

    private static ServiceName parseService(String whole, String service) {
        if (!ServiceName.isValid(service)) {
            throw new InvalidInputException("invalid unit name '" + whole + "': '" + service + "' is not a valid service name");
        }
        return new ServiceName(service);
    }

    private static int parseNumber(String whole, String digits) {
        if (!digits.matches("\\d{1,9}")) {
            throw new InvalidInputException("invalid unit name '" + whole + "': '" + digits + "' is not a unit number");
        }
        return Integer.parseInt(digits);
    }

    /** The znode name of this unit: {@code mysql-0}. */
    public String key() {
        return service.value() + "-" + number;
    }

    @Override
    public int compareTo(UnitName other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return service.value() + "/" + number;
    }
}
