package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementPolicyTest {
    @Test
    void readsWhatItWrote() {
        assertThat(PlacementPolicy.fromSettings(new PlacementPolicy(10).toSettings())).isEqualTo(new PlacementPolicy(10));
    }

    @Test
    void aMissingOrUnusableValueGivesOneUnitPerMachine() {
        assertThat(PlacementPolicy.fromSettings(Map.of())).isEqualTo(PlacementPolicy.DEFAULT);
        assertThat(PlacementPolicy.fromSettings(Map.of("units-per-machine", "ten"))).isEqualTo(PlacementPolicy.DEFAULT);
        assertThat(PlacementPolicy.fromSettings(Map.of("units-per-machine", 0))).isEqualTo(PlacementPolicy.DEFAULT);
        assertThat(PlacementPolicy.DEFAULT.unitsPerMachine()).isEqualTo(1);
    }

    @Test
    void refusesAValueOutOfRange() {
        assertThatThrownBy(() -> new PlacementPolicy(0)).hasMessageContaining("units-per-machine must be between 1 and 1000");
        assertThatThrownBy(() -> new PlacementPolicy(1001)).hasMessageContaining("got 1001");
    }
}
