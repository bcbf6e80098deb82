package org.juju.client;

import org.junit.jupiter.api.Test;

/** {@code bootstrap} checks {@code units-per-machine} of environments.yaml before it starts anything. */
class PlacementOptionsTest extends ClientTestBase {
    @Test
    void bootstrapRefusesUnitsPerMachineOutsideOneToAThousand() throws Exception {
        environmentWith("units-per-machine: 0");
        assertRefused(juju.run("bootstrap"), 2, "expected a whole number from 1 to 1000, got '0', for key 'units-per-machine'");
        environmentWith("units-per-machine: 1001");
        assertRefused(juju.run("bootstrap"), 2, "got '1001', for key 'units-per-machine'");
        environmentWith("units-per-machine: ten");
        assertRefused(juju.run("bootstrap"), 2, "got 'ten', for key 'units-per-machine'");
    }
}
