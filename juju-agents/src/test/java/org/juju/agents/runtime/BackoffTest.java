package org.juju.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration QUICK = Duration.ofSeconds(2);

    @Test
    void doublesFromOneSecondToThirty() {
        List<Long> delays = new ArrayList<>();
        Duration delay = null;
        for (int i = 0; i < 8; i++) {
            delay = Backoff.DEFAULT.next(delay, QUICK);
            delays.add(delay.toSeconds());
        }
        assertThat(delays).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void startsOverAfterAMinuteOfUptime() {
        Duration delay = Backoff.DEFAULT.next(Duration.ofSeconds(16), Duration.ofSeconds(59));
        assertThat(delay).isEqualTo(Duration.ofSeconds(30));

        assertThat(Backoff.DEFAULT.next(Duration.ofSeconds(30), Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rejectsAMaximumBelowTheInitialDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAgentThatNeedsARepairIsNeverRestartedFasterThanTheRepairWait() {
        Duration first = ProcessSupervisor.delayAfter(ProcessSupervisor.EXIT_NEEDS_REPAIR, null, Duration.ZERO,
                Backoff.DEFAULT);
        Duration ordinary = ProcessSupervisor.delayAfter(1, null, Duration.ZERO, Backoff.DEFAULT);

        assertThat(first).isEqualTo(ProcessSupervisor.REPAIR_WAIT);
        assertThat(ordinary).isEqualTo(Duration.ofSeconds(1));
    }
}
