package org.juju.agents.unit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.juju.agents.uniter.Hook;
import org.juju.agents.uniter.HookBackoff;
import org.juju.agents.uniter.LocalState;
import org.juju.agents.uniter.PendingRetry;
import org.juju.agents.uniter.RetryFile;
import org.juju.agents.uniter.RetrySchedule;
import org.juju.state.HookRetryPolicy;
import org.juju.state.model.RelationId;

/**
 * The unit agent's automatic hook retries: the {@link RetrySchedule} of its errors under the
 * environment's {@link HookRetryPolicy}, saved in {@code retry.yaml} after every change. With the
 * policy off it holds nothing. Not thread-safe: the runner's loop drives it.
 */
final class HookRetrier {
    private final Path file;
    private final Clock clock;
    private final DoubleSupplier random;
    private HookRetryPolicy policy = HookRetryPolicy.DEFAULT;
    private RetrySchedule schedule;

    HookRetrier(Path file, Clock clock, DoubleSupplier random) {
        this.file = file;
        this.clock = clock;
        this.random = random;
        this.schedule = RetryFile.load(file);
    }

    Instant now() {
        return clock.instant();
    }

    /** Takes the current policy and gives every error of {@code local} its retry. */
    void reconcile(LocalState local, HookRetryPolicy current) {
        this.policy = current;
        change(current.enabled() ? schedule.reconcile(local, now(),
                attempt -> HookBackoff.delay(current.firstDelay(), attempt, random.getAsDouble())) : RetrySchedule.EMPTY);
    }

    /** Reconciles with the policy last taken, after a hook ran. */
    void reconcile(LocalState local) {
        reconcile(local, policy);
    }

    /** The failed hooks whose retry is due now, in key order (the unit's first, then by relation). */
    List<Hook> due(LocalState local) {
        return schedule.due(now()).stream().map(key -> failedHook(local, key)).flatMap(Optional::stream).toList();
    }

    /** Marks the retry of {@code hook} fired; returns it. */
    PendingRetry fire(Hook hook) {
        String key = RetrySchedule.key(hook);
        change(schedule.fire(key));
        return schedule.get(key).orElseThrow();
    }

    void succeeded(Hook hook) {
        change(schedule.succeeded(hook));
    }

    /** Forgets the retry of {@code hook}'s error: {@code juju resolved} took it over. */
    void forget(Hook hook) {
        change(schedule.forget(RetrySchedule.key(hook)));
    }

    /** The waiting retry of {@code hook}'s error, if any. */
    Optional<PendingRetry> waiting(Hook hook) {
        return schedule.get(RetrySchedule.key(hook)).filter(retry -> !retry.fired());
    }

    /** When the next retry is due. */
    Optional<Instant> nextDue() {
        return schedule.nextDue();
    }

    /** {@code nextDue} as the status node shows it: ISO-8601 UTC, whole seconds (rounded up). */
    Optional<String> nextDueText() {
        return nextDue().map(HookRetrier::text);
    }

    /** {@code retry N at TIME}, the part of a failure message about its retry; empty when none waits. */
    Optional<String> describe(Hook hook) {
        return waiting(hook).map(retry -> "retry " + retry.attempt() + " at " + text(retry.dueAt()));
    }

    static String text(Instant instant) {
        Instant rounded = instant.truncatedTo(ChronoUnit.SECONDS);
        return (rounded.equals(instant) ? rounded : rounded.plusSeconds(1)).toString();
    }

    private static Optional<Hook> failedHook(LocalState local, String key) {
        if (key.equals(RetrySchedule.UNIT)) {
            return local.operation().isFailed() ? Optional.of(local.operation().hook()) : Optional.empty();
        }
        return Optional.ofNullable(local.relations().get(RelationId.parse(key))).map(r -> r.failedHook());
    }

    private void change(RetrySchedule next) {
        if (!next.equals(schedule)) {
            schedule = next;
            RetryFile.save(file, schedule);
        }
    }
}
