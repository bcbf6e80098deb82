package org.juju.agents.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.juju.provider.Instance;
import org.juju.state.JujuState;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.juju.state.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TreeContextDataTest {
    private static final UnitName UNIT = UnitName.parse("app/0");
    private TestEnvironment environment;
    private JujuState state;
    private TreeContextData data;

    @BeforeEach
    void deployUnit() throws Exception {
        environment = TestEnvironment.start();
        state = environment.state();
        environment.deploy("app", 1);
        data = new TreeContextData(state, UNIT, "172.31.0.7", relation -> List.of());
    }

    @AfterEach
    void stop() throws Exception {
        environment.close();
    }

    @Test
    void thePublicAddressIsTheMachinesAsRecordedNowAndThePrivateOneStays() {
        MachineId machine = state.machines().add("bookworm");
        state.units().assign(UNIT, machine);
        assertThat(data.unitAddress("public-address")).as("no instance yet").isEqualTo("172.31.0.7");

        state.machines().setInstance(machine, new Instance("i-1", machine, "172.31.0.7", "pending"), 1);
        state.machines().refreshInstance(machine, new Instance("i-1", machine, "172.31.0.7", "running", "54.9.8.7"));

        assertThat(data.unitAddress("public-address")).isEqualTo("54.9.8.7");
        assertThat(data.unitAddress("private-address")).isEqualTo("172.31.0.7");
    }

    @Test
    void configOfGarbageFailsTheToolNamingTheNodeAndTheUnitsOtherReadsStillWork() throws Exception {
        String config = org.juju.state.path.StatePaths.serviceConfig(org.juju.state.model.ServiceName.of("app"));
        environment.client().setData().forPath(config, new byte[] {(byte) 0xff, 0x00, '{', '\n'});
        org.juju.agents.hook.HookContext context = new org.juju.agents.hook.HookContext(
                org.juju.agents.hook.HookSpec.unit("config-changed"), data);

        var configGet = org.juju.agents.hook.HookTools.run(context, "config-get", List.of(), null);
        var unitGet = org.juju.agents.hook.HookTools.run(context, "unit-get", List.of("private-address"), null);

        assertThat(configGet.exitCode()).isEqualTo(1);
        assertThat(configGet.stderr()).startsWith("config-get: znode " + config + ": invalid YAML").hasLineCount(1);
        assertThat(unitGet.exitCode()).isZero();
        assertThat(unitGet.stdout()).isEqualTo("172.31.0.7\n");
    }
}
