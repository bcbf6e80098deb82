package org.juju.state.store;

import java.util.Objects;

/**
 * What one read of a batch ({@link StateStore#readAll}, {@link StateStore#childrenAll}) found:
 * the value the single read returns, or the exception it throws, kept until {@link #get()} so
 * that a path in error fails only the caller that asks for it.
 */
public final class ReadOutcome<T> {
    private final T value;
    private final RuntimeException error;

    private ReadOutcome(T value, RuntimeException error) {
        this.value = value;
        this.error = error;
    }

    static <T> ReadOutcome<T> of(T value) {
        return new ReadOutcome<>(Objects.requireNonNull(value, "value"), null);
    }

    static <T> ReadOutcome<T> failed(RuntimeException error) {
        return new ReadOutcome<>(null, Objects.requireNonNull(error, "error"));
    }

    /**
     * The value read.
     *
     * @throws RuntimeException what the single read of the path throws (the same exception each call)
     */
    public T get() {
        if (error != null) {
            throw error;
        }
        return value;
    }

    /** True if the read failed. */
    public boolean failed() {
        return error != null;
    }
}
