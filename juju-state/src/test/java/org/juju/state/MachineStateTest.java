package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.juju.state.error.ConflictException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.MachineId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.Test;

class MachineStateTest extends StateTestBase {

    @Test
    void machinesAddedTogetherTakeConsecutiveIdsAndEachHasItsNodes() {
        MachineId before = state.machines().add("bookworm");

        List<MachineId> added = state.machines().addAll("bookworm", 3);
        MachineId after = state.machines().add("bookworm");

        assertThat(added).extracting(MachineId::value)
                .containsExactly(before.value() + 1, before.value() + 2, before.value() + 3);
        assertThat(after.value()).isEqualTo(before.value() + 4);
        for (MachineId id : added) {
            MachineInfo info = state.machines().info(id);
            assertThat(info.life().text()).isEqualTo("alive");
            assertThat(info.series()).isEqualTo("bookworm");
            assertThat(info.units()).isEmpty();
            assertThat(state.store().read(StatePaths.machine(id)).orElseThrow().string("identity-nonce")).isNotBlank();
        }
        assertThat(state.store().read(StatePaths.machine(added.get(0))).orElseThrow().string("identity-nonce"))
                .isNotEqualTo(state.store().read(StatePaths.machine(added.get(1))).orElseThrow().string("identity-nonce"));
    }

    @Test
    void addingTooManyMachinesAtOnceIsRefusedAndChangesNothing() throws Exception {
        Map<String, String> before = dump();

        assertThatThrownBy(() -> state.machines().addAll("bookworm", MachineState.MAX_MACHINES_PER_TRANSACTION + 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot add 101 machines at once: between 1 and 100 may be added in one transaction");
        assertThatThrownBy(() -> state.machines().addAll("bookworm", 0)).isInstanceOf(InvalidInputException.class);
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void machineZeroCannotBeTerminated() throws Exception {
        Map<String, String> before = dump();

        assertThatThrownBy(() -> state.machines().terminate(List.of(MachineId.BOOTSTRAP)))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("machine 0 cannot be terminated");
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void aMachineWithUnitsCannotBeTerminatedAndNeitherAreOthersInTheSameRequest() throws Exception {
        state.services().deploy(new Deploy(ServiceName.of("mysql"), TestCharms.mysql(), Map.of(), 1, "t"));
        MachineId busy = state.machines().add("bookworm");
        MachineId idle = state.machines().add("bookworm");
        state.units().assign(UnitName.parse("mysql/0"), busy);
        Map<String, String> before = dump();

        assertThatThrownBy(() -> state.machines().terminate(List.of(idle, busy)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("machine " + busy + " cannot be terminated: unit mysql/0 is assigned to it; remove it first");
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void terminatingAnIdleMachineMarksItDying() {
        MachineId idle = state.machines().add("bookworm");

        state.machines().terminate(List.of(idle));

        assertThat(state.store().read(StatePaths.machine(idle)).orElseThrow().string("life")).isEqualTo("dying");
    }

    @Test
    void refreshingAnInstanceRecordsWhatTheProviderSaysNowAndKeepsWhenItStarted() {
        MachineId machine = state.machines().add("bookworm");
        state.machines().setInstance(machine, new org.juju.provider.Instance("i-1", machine, "172.31.0.5", "pending", ""), 42);

        state.machines().refreshInstance(machine, new org.juju.provider.Instance("i-1", machine, "172.31.0.5", "running",
                "54.1.2.3"));

        MachineInfo.InstanceRecord record = state.machines().info(machine).instance().orElseThrow();
        assertThat(record).isEqualTo(new MachineInfo.InstanceRecord("i-1", "172.31.0.5", "54.1.2.3", "running", 42));
        assertThat(state.status().read(Map.of(), List.of()).get("machines")).asString().contains("dns-name=54.1.2.3")
                .contains("instance-state=running");
    }

    @Test
    void aUnitsPublicAddressInStatusIsItsMachinesPublicAddress() {
        state.services().deploy(new Deploy(ServiceName.of("mysql"), TestCharms.mysql(), Map.of(), 1, "t"));
        UnitName unit = UnitName.parse("mysql/0");
        MachineId machine = state.machines().add("bookworm");
        state.units().assign(unit, machine);
        state.units().reportStatus(unit, Map.of("agent-state", "started", "private-address", "172.31.0.5",
                "public-address", "172.31.0.5"));
        state.machines().setInstance(machine, new org.juju.provider.Instance("i-1", machine, "172.31.0.5", "running",
                "54.1.2.3"), 42);

        assertThat(state.status().read(Map.of(), List.of()).get("services")).asString()
                .contains("public-address=54.1.2.3").doesNotContain("public-address=172.31.0.5");
    }

    @Test
    void aRefreshKeepsAddressesTheProviderDoesNotKnowAndIgnoresAnotherInstance() throws Exception {
        MachineId machine = state.machines().add("bookworm");
        state.machines().setInstance(machine, new org.juju.provider.Instance("i-1", machine, "172.31.0.5", "running",
                "54.1.2.3"), 42);

        state.machines().refreshInstance(machine, new org.juju.provider.Instance("i-1", machine, "", "stopping"));
        assertThat(state.machines().info(machine).instance().orElseThrow())
                .isEqualTo(new MachineInfo.InstanceRecord("i-1", "172.31.0.5", "54.1.2.3", "stopping", 42));

        Map<String, String> before = dump();
        state.machines().refreshInstance(machine, new org.juju.provider.Instance("i-2", machine, "10.0.0.9", "running"));
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void unknownMachineIsNotFound() {
        assertThatThrownBy(() -> state.machines().terminate(List.of(new MachineId(42))))
                .isInstanceOf(NotFoundException.class).hasMessage("machine 42 not found");
    }

    @Test
    void assignmentTakesTheUnitOffTheQueueAndOntoTheMachine() {
        state.services().deploy(new Deploy(ServiceName.of("mysql"), TestCharms.mysql(), Map.of(), 1, "t"));
        MachineId machine = state.machines().add("bookworm");
        UnitName unit = UnitName.parse("mysql/0");

        state.units().assign(unit, machine);

        assertThat(state.units().machine(unit)).contains(machine);
        assertThat(state.store().children(StatePaths.unassignedUnits())).isEmpty();
        assertThat(state.store().children(StatePaths.machineUnits(machine))).containsExactly("mysql-0");
        assertThatThrownBy(() -> state.units().assign(unit, machine)).isInstanceOf(ConflictException.class);
    }
}
