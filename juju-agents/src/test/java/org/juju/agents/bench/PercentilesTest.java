package org.juju.agents.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.juju.state.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundredInAnyOrder() {
        List<Integer> samples = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            samples.add(i);
        }
        Collections.shuffle(samples);
        Percentiles p = Percentiles.ofMillis(samples);
        assertThat(p).isEqualTo(new Percentiles(100, 1, 50, 90, 99, 100, 50.5));
    }

    @Test
    void oneSampleIsEveryPercentile() {
        assertThat(Percentiles.ofMillis(List.of(7.5))).isEqualTo(new Percentiles(1, 7.5, 7.5, 7.5, 7.5, 7.5, 7.5));
    }

    @Test
    void tenSamplesPutP99OnTheLargest() {
        Percentiles p = Percentiles.ofMillis(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 1000));
        assertThat(p.p50()).isEqualTo(5);
        assertThat(p.p90()).isEqualTo(9);
        assertThat(p.p99()).isEqualTo(1000);
    }

    @Test
    void durationsKeepSubMillisecondPrecision() {
        Percentiles p = Percentiles.ofDurations(List.of(Duration.ofNanos(1_500_000), Duration.ofMillis(3)));
        assertThat(p.min()).isEqualTo(1.5);
        assertThat(p.max()).isEqualTo(3.0);
        assertThat(p.mean()).isEqualTo(2.25);
    }

    @Test
    void noSamplesIsAClearError() {
        assertThatThrownBy(() -> Percentiles.ofMillis(List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessage("no samples to compute percentiles from");
    }
}
