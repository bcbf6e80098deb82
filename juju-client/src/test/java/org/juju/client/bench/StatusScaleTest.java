package org.juju.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The status-at-scale measurement on a small tree: what it times is a status of every unit, started. */
class StatusScaleTest {

    @Test
    void measuresAStatusListingEveryUnitStarted() {
        StatusScale.Result result = StatusScale.measure(25, 10, 2);

        assertThat(result.units()).isEqualTo(25);
        assertThat(result.machines()).isEqualTo(3);
        assertThat(result.listedUnits()).isEqualTo(25);
        assertThat(result.startedUnits()).isEqualTo(25);
        assertThat(result.statusJsonMillis()).isEqualTo(result.readMillis() + result.jsonMillis());
    }
}
