package org.juju.agents.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Delays between restarts of a child process that keeps dying: {@code initial}, doubled after each
 * quick death up to {@code max}, and back to {@code initial} once the child had run for
 * {@code resetAfter}.
 *
 * @param initial    the first delay
 * @param max        the longest delay
 * @param resetAfter the uptime after which a death counts as a first one again
 */
public record Backoff(Duration initial, Duration max, Duration resetAfter) {
    /** 1 s doubling to 30 s; reset after 60 s of uptime. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(60));

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max");
        }
    }

    /**
     * The delay before the next start of a child that died after running for {@code uptime}.
     *
     * @param previous the delay used before the last start, or null if it was the first start
     */
    public Duration next(Duration previous, Duration uptime) {
        if (previous == null || uptime.compareTo(resetAfter) >= 0) {
            return initial;
        }
        Duration doubled = previous.multipliedBy(2);
        if (doubled.compareTo(initial) < 0) {
            return initial;
        }
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
