package org.juju.agents.uniter;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.juju.state.model.RelationId;

/**
 * The automatic retries of a unit's failed hooks: at most one per error, keyed by {@link #UNIT}
 * for the unit's failed hook and by relation id for a relation in error. Immutable and pure: the
 * caller gives the time and the delays.
 *
 * <p>The unit agent, before each round and after each hook, {@link #reconcile reconciles} it with
 * its {@link LocalState}: every error gets a retry (attempt 1, or the next attempt when the retry
 * fired for that same hook and it failed again); retries of errors that went away and did not
 * fire are dropped. When one is due the agent {@link LocalState#retry clears the error}, marks it
 * {@link #fire fired}, and the resolver chooses the step again. A hook of that key that succeeds
 * {@link #succeeded forgets} it, a {@code juju resolved} too ({@link #forget}).
 *
 * @param retries by key, sorted
 */
public record RetrySchedule(Map<String, PendingRetry> retries) {
    /** The key of the unit's own failed hook. */
    public static final String UNIT = "unit";
    /** No retries. */
    public static final RetrySchedule EMPTY = new RetrySchedule(Map.of());

    public RetrySchedule {
        retries = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(retries, "retries")));
    }

    /** The key of {@code hook}'s error: its relation's id, or {@link #UNIT}. */
    public static String key(Hook hook) {
        return hook.kind().isRelation() ? key(hook.relation()) : UNIT;
    }

    /** The key of a relation's error. */
    public static String key(RelationId relation) {
        return String.valueOf(relation.value());
    }

    /**
     * The schedule for the errors of {@code local} at {@code now}.
     *
     * @param delay the delay before a given attempt ({@link HookBackoff#delay})
     */
    public RetrySchedule reconcile(LocalState local, Instant now, IntFunction<Duration> delay) {
        Map<String, String> errors = errors(local);
        Map<String, PendingRetry> next = new TreeMap<>();
        retries.forEach((key, retry) -> {
            boolean known = key.equals(UNIT) || local.relations().containsKey(RelationId.parse(key));
            if (retry.fired() && known && !errors.containsKey(key)) {
                next.put(key, retry);
            }
        });
        errors.forEach((key, hook) -> {
            PendingRetry retry = retries.get(key);
            if (retry == null || !retry.hook().equals(hook)) {
                next.put(key, new PendingRetry(hook, 1, now.plus(delay.apply(1)), false));
            } else if (retry.fired()) {
                int attempt = retry.attempt() + 1;
                next.put(key, new PendingRetry(hook, attempt, now.plus(delay.apply(attempt)), false));
            } else {
                next.put(key, retry);
            }
        });
        return new RetrySchedule(next);
    }

    /** The keys of the retries due at {@code now}, not fired yet. */
    public List<String> due(Instant now) {
        return retries.entrySet().stream().filter(e -> !e.getValue().fired() && !e.getValue().dueAt().isAfter(now))
                .map(Map.Entry::getKey).toList();
    }

    /** When the next retry is due, if any is waiting. */
    public Optional<Instant> nextDue() {
        return retries.values().stream().filter(r -> !r.fired()).map(PendingRetry::dueAt).min(Instant::compareTo);
    }

    /** The retry of {@code key}, if any. */
    public Optional<PendingRetry> get(String key) {
        return Optional.ofNullable(retries.get(key));
    }

    /** This schedule with the retry of {@code key} marked fired. */
    public RetrySchedule fire(String key) {
        PendingRetry retry = retries.get(key);
        if (retry == null) {
            throw new IllegalStateException("no retry scheduled for " + key);
        }
        return with(key, retry.firing());
    }

    /** This schedule without the retry of {@code hook}'s key: the hook succeeded. */
    public RetrySchedule succeeded(Hook hook) {
        return forget(key(hook));
    }

    /** This schedule without the retry of {@code key}. */
    public RetrySchedule forget(String key) {
        if (!retries.containsKey(key)) {
            return this;
        }
        Map<String, PendingRetry> next = new TreeMap<>(retries);
        next.remove(key);
        return new RetrySchedule(next);
    }

    private RetrySchedule with(String key, PendingRetry retry) {
        Map<String, PendingRetry> next = new TreeMap<>(retries);
        next.put(key, retry);
        return new RetrySchedule(next);
    }

    /** The failed hook's name of each error of {@code local}, by key. */
    private static Map<String, String> errors(LocalState local) {
        Map<String, String> errors = new TreeMap<>();
        if (local.operation().isFailed()) {
            errors.put(UNIT, local.operation().hook().hookName());
        }
        local.relations().forEach((id, relation) -> {
            if (relation.inError()) {
                errors.put(key(id), relation.failedHook().hookName());
            }
        });
        return errors;
    }
}
