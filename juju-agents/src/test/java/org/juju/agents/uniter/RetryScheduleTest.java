package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;
import org.juju.state.model.UnitAgentState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic retries driven the way the unit agent drives them, over the pure harness: every error
 * gets a retry; a due retry clears the error so the resolver picks the step again; a hook that
 * fails again gets the next attempt; a success or a resolution forgets the retry.
 */
class RetryScheduleTest {
    private static final Instant T0 = Instant.parse("2026-11-27T17:00:00Z");
    /** Whole seconds, doubling, no jitter. */
    private static final IntFunction<Duration> DELAY = attempt -> HookBackoff.delay(Duration.ofSeconds(5), attempt, 0.5);
    private final Agent agent = new Agent();
    private final Remote remote = new Remote();
    private RetrySchedule schedule = RetrySchedule.EMPTY;

    private void reconcile(Instant now) {
        schedule = schedule.reconcile(agent.local, now, DELAY);
    }

    /** What the agent does when retries are due: clears each error and marks its retry fired. */
    private void fireDue(Instant now) {
        for (String key : schedule.due(now)) {
            Hook failed = key.equals(RetrySchedule.UNIT) ? agent.local.operation().hook()
                    : agent.local.relations().get(Remote.rel(Integer.parseInt(key))).failedHook();
            agent.local = agent.local.retry(failed);
            schedule = schedule.fire(key);
        }
    }

    @Test
    void aFailedUnitHookIsRetriedWithDoublingDelaysUntilItSucceeds() {
        agent.runOne(remote);
        agent.runOne(remote);
        Hook start = agent.failNext(remote);
        reconcile(T0);
        assertThat(schedule.get(RetrySchedule.UNIT)).contains(new PendingRetry("start", 1, T0.plusSeconds(5), false));
        assertThat(schedule.due(T0.plusSeconds(4))).as("not before its time").isEmpty();
        assertThat(schedule.nextDue()).contains(T0.plusSeconds(5));

        fireDue(T0.plusSeconds(5));
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.INSTALLED);
        assertThat(agent.failNext(remote)).as("the step is chosen again").isEqualTo(start);
        reconcile(T0.plusSeconds(6));
        assertThat(schedule.get(RetrySchedule.UNIT)).contains(new PendingRetry("start", 2, T0.plusSeconds(16), false));

        fireDue(T0.plusSeconds(16));
        reconcile(T0.plusSeconds(16));
        assertThat(schedule.get(RetrySchedule.UNIT)).as("fired: kept until the hook's outcome").get()
                .extracting(PendingRetry::fired).isEqualTo(true);
        assertThat(schedule.nextDue()).isEmpty();
        assertThat(agent.runAll(remote)).containsExactly("start");
        schedule = schedule.succeeded(start);
        reconcile(T0.plusSeconds(17));
        assertThat(schedule).isEqualTo(RetrySchedule.EMPTY);

        agent.failNext(remote.config(3));
        reconcile(T0.plusSeconds(30));
        assertThat(schedule.get(RetrySchedule.UNIT)).as("the backoff starts over after a success")
                .contains(new PendingRetry("config-changed", 1, T0.plusSeconds(35), false));
    }

    @Test
    void aRelationInErrorIsRetriedOnItsOwnWhileTheUnitGoesOn() {
        agent.runAll(remote);
        remote.relation(0, "db").member(0, "mysql/0", 0);
        Hook joined = agent.failNext(remote);
        reconcile(T0);
        assertThat(schedule.get("0")).contains(new PendingRetry("db-relation-joined", 1, T0.plusSeconds(5), false));
        assertThat(agent.runAll(remote.config(2))).containsExactly("config-changed v2");

        fireDue(T0.plusSeconds(5));
        assertThat(agent.runAll(remote)).containsExactly(joined.toString(), "db-relation-changed db:0 mysql/0 v0");
        schedule = schedule.succeeded(joined);
        reconcile(T0.plusSeconds(6));
        assertThat(schedule).isEqualTo(RetrySchedule.EMPTY);
    }

    @Test
    void aResolutionOrAnErrorThatWentAwayDropsAWaitingRetry() {
        agent.failNext(remote);
        reconcile(T0);
        assertThat(agent.runAll(remote.resolved(false, 1))).containsExactly("config-changed v0", "start");
        reconcile(T0.plusSeconds(1));
        assertThat(schedule).isEqualTo(RetrySchedule.EMPTY);
        assertThat(schedule.forget(RetrySchedule.UNIT)).isSameAs(schedule);
    }

    @Test
    void anotherHookFailingStartsTheCountAgain() {
        agent.failNext(remote);
        reconcile(T0);
        fireDue(T0.plusSeconds(5));
        agent.runOne(remote);
        agent.failNext(remote);
        reconcile(T0.plusSeconds(6));
        assertThat(schedule.get(RetrySchedule.UNIT)).contains(new PendingRetry("config-changed", 1, T0.plusSeconds(11), false));
    }

    @Test
    void aRetriedHookInterruptedByACrashCountsAsAFailedAttempt() {
        agent.failNext(remote);
        reconcile(T0);
        fireDue(T0.plusSeconds(5));
        agent.dieDuringNext(remote);
        agent.restart();
        reconcile(T0.plusSeconds(60));
        assertThat(schedule.get(RetrySchedule.UNIT)).contains(new PendingRetry("install", 2, T0.plusSeconds(70), false));
    }

    @Test
    void retryRefusesAHookThatIsNotInError() {
        Hook install = agent.failNext(remote);
        LocalState cleared = agent.local.retry(install);
        assertThatThrownBy(() -> cleared.retry(install)).isInstanceOf(IllegalStateException.class);
        assertThat(cleared.resolvedVersion()).as("no request consumed").isEqualTo(-1);
    }

    @Test
    void theSavedScheduleSurvivesARestart(@TempDir Path dir) throws Exception {
        agent.failNext(remote);
        reconcile(T0);
        Path file = dir.resolve("retry.yaml");
        RetryFile.save(file, schedule);
        assertThat(RetryFile.load(file)).isEqualTo(schedule);
        assertThat(RetryFile.load(dir.resolve("none.yaml"))).isEqualTo(RetrySchedule.EMPTY);
        Files.writeString(file, "unit: [not, a, retry]\n");
        assertThat(RetryFile.load(file)).as("unreadable: start afresh").isEqualTo(RetrySchedule.EMPTY);
    }
}
