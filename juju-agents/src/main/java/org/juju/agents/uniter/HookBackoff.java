package org.juju.agents.uniter;

import java.time.Duration;

/**
 * The delays between automatic retries of a failed hook, as in Go Juju: the first retry after the
 * environment's {@code hook-retry-delay} (5 s by default), each next one after twice the previous,
 * capped at {@link #MAX} (or at the first delay, if that is longer), with jitter so that the units
 * of a service that failed together do not retry in lockstep. Pure.
 */
public final class HookBackoff {
    /** The longest delay between two retries. */
    public static final Duration MAX = Duration.ofMinutes(5);
    /** The jitter: a delay is the nominal one times a factor in [1 - JITTER, 1 + JITTER), then capped. */
    public static final double JITTER = 0.2;

    private HookBackoff() {
    }

    /**
     * The delay before retry number {@code attempt}.
     *
     * @param first   the delay before the first retry; positive
     * @param attempt 1 for the first retry
     * @param random  a number in [0, 1) that picks the jitter (0.5: none)
     * @return {@code first × 2^(attempt-1)}, jittered, never above the cap and never below 1 ms
     */
    public static Duration delay(Duration first, int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are counted from 1, got " + attempt);
        }
        if (random < 0 || random >= 1) {
            throw new IllegalArgumentException("random must be in [0, 1), got " + random);
        }
        long cap = Math.max(MAX.toMillis(), first.toMillis());
        // Doubling stops at the cap, so the exponent never overflows.
        long nominal = first.toMillis();
        for (int i = 1; i < attempt && nominal < cap; i++) {
            nominal *= 2;
        }
        nominal = Math.min(nominal, cap);
        double factor = 1 - JITTER + 2 * JITTER * random;
        return Duration.ofMillis(Math.max(1, Math.min(cap, Math.round(nominal * factor))));
    }
}
