package org.juju.state;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment's automatic hook retry options, from environments.yaml at bootstrap, kept in
 * {@code /settings} and read by every unit agent before each round: {@code hook-retry} (off by
 * default, as in the original) and {@code hook-retry-delay}, the delay before the first retry in
 * whole seconds (default 5, as in Go Juju).
 *
 * @param enabled    failed hooks are retried by the unit agent with exponential backoff
 * @param firstDelay the delay before the first retry; positive
 */
public record HookRetryPolicy(boolean enabled, Duration firstDelay) {
    /** The key of the switch in environments.yaml and {@code /settings}. */
    public static final String ENABLED_KEY = "hook-retry";
    /** The key of the first delay, in seconds. */
    public static final String DELAY_KEY = "hook-retry-delay";
    /** Off, first retry after 5 s. */
    public static final HookRetryPolicy DEFAULT = new HookRetryPolicy(false, Duration.ofSeconds(5));

    public HookRetryPolicy {
        if (firstDelay == null || firstDelay.isNegative() || firstDelay.isZero()) {
            throw new IllegalArgumentException("the first hook retry delay must be positive, got " + firstDelay);
        }
    }

    /** The entries this policy adds to {@code /settings}. */
    public Map<String, Object> toSettings() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(ENABLED_KEY, enabled);
        data.put(DELAY_KEY, firstDelay.toSeconds());
        return data;
    }

    /**
     * The policy in {@code settings} ({@code /settings} data). Lenient, since agents must go on
     * with a tree written by an older client: a missing or unusable value takes its default.
     */
    public static HookRetryPolicy fromSettings(Map<String, Object> settings) {
        boolean enabled = Boolean.TRUE.equals(settings.get(ENABLED_KEY));
        Duration delay = settings.get(DELAY_KEY) instanceof Number seconds && seconds.longValue() > 0
                ? Duration.ofSeconds(seconds.longValue()) : DEFAULT.firstDelay();
        return new HookRetryPolicy(enabled, delay);
    }
}
