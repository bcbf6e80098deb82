package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The retry delays: doubling from the first, capped at five minutes, jittered by ±20 %. */
class HookBackoffTest {
    private static final Duration FIVE = Duration.ofSeconds(5);

    @ParameterizedTest(name = "retry {0} after {1} s")
    @CsvSource({"1, 5", "2, 10", "3, 20", "4, 40", "5, 80", "6, 160", "7, 300", "8, 300", "1000, 300"})
    void doublesFromTheFirstDelayUpToFiveMinutesWithoutJitter(int attempt, long seconds) {
        assertThat(HookBackoff.delay(FIVE, attempt, 0.5)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void jitterStaysWithinTwentyPercentAndNeverPassesTheCap() {
        assertThat(HookBackoff.delay(FIVE, 1, 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(HookBackoff.delay(FIVE, 1, 0.999_999)).isBetween(Duration.ofMillis(5_999), Duration.ofSeconds(6));
        assertThat(HookBackoff.delay(FIVE, 2, 0.25)).isEqualTo(Duration.ofSeconds(9));
        assertThat(HookBackoff.delay(FIVE, 9, 0.999)).as("capped after jitter").isEqualTo(HookBackoff.MAX);
        assertThat(HookBackoff.delay(FIVE, 9, 0.0)).isEqualTo(Duration.ofSeconds(240));
    }

    @Test
    void aFirstDelayLongerThanTheCapIsItsOwnCap() {
        assertThat(HookBackoff.delay(Duration.ofMinutes(10), 3, 0.5)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aShortFirstDelayForTestsDoublesToo() {
        assertThat(HookBackoff.delay(Duration.ofMillis(100), 4, 0.5)).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void rejectsAttemptsBelowOneAndRandomsOutsideTheUnitInterval() {
        assertThatThrownBy(() -> HookBackoff.delay(FIVE, 0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HookBackoff.delay(FIVE, 1, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
