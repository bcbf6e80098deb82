package org.juju.provider.ec2;

import java.time.Duration;

/**
 * How the SDK retries throttled and transient failures (its standard retry strategy: throttling
 * codes such as {@code RequestLimitExceeded}, 5xx answers and I/O errors are retried with
 * exponential backoff and jitter).
 *
 * @param maxAttempts       attempts per call, the first included
 * @param baseDelay         the first backoff
 * @param maxDelay          the longest backoff
 */
public record RetrySettings(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    /** For the real cloud: 8 attempts, 0.5 s doubling up to 20 s. */
    public static final RetrySettings DEFAULT = new RetrySettings(8, Duration.ofMillis(500), Duration.ofSeconds(20));

    public RetrySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }
}
