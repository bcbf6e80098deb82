package org.juju.agents.uniter;

import java.time.Instant;
import java.util.Objects;

/**
 * The automatic retry of one failed hook: of the unit, or of one relation.
 *
 * @param hook    the failed hook's name ({@code start}, {@code db-relation-changed})
 * @param attempt which retry this is, from 1
 * @param dueAt   when it is due
 * @param fired   the error has been cleared for this retry: the hook runs (or ran) again. If it
 *                fails again, the next retry is {@code attempt + 1}; if it succeeds, the retry is
 *                forgotten and the backoff starts over at the next failure
 */
public record PendingRetry(String hook, int attempt, Instant dueAt, boolean fired) {
    public PendingRetry {
        if (hook == null || hook.isEmpty()) {
            throw new IllegalArgumentException("a retry needs a hook name");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are counted from 1, got " + attempt);
        }
        Objects.requireNonNull(dueAt, "dueAt");
    }

    /** This retry, its error cleared. */
    public PendingRetry firing() {
        return new PendingRetry(hook, attempt, dueAt, true);
    }
}
