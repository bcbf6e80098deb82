package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.state.error.AlreadyExistsException;
import org.juju.state.error.ConflictException;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnitStateTest extends StateTestBase {
    private static final UnitName UNIT = UnitName.parse("mysql/0");

    @BeforeEach
    void deploy() {
        state.services().deploy(new Deploy(ServiceName.of("mysql"), TestCharms.mysql(), Map.of(), 2, "t"));
    }

    private void reportState(String agentState) {
        Node status = state.store().read(StatePaths.unitStatus(UNIT)).orElseThrow();
        state.store().commit(state.store().transaction().update(status, Map.of("agent-state", agentState)));
    }

    @Test
    void manyUnitsAreAddedInSeveralTransactionsNumberedWithoutGaps() {
        int count = 2 * UnitWrites.MAX_UNITS_PER_TRANSACTION + 7;

        List<UnitName> added = state.units().add(ServiceName.of("mysql"), count);

        assertThat(added).hasSize(count).first().isEqualTo(UnitName.parse("mysql/2"));
        assertThat(added.get(count - 1)).isEqualTo(new UnitName(ServiceName.of("mysql"), count + 1));
        assertThat(state.units().unitsOf(ServiceName.of("mysql"))).hasSize(count + 2).containsAll(added);
        assertThat(state.units().unassigned()).hasSize(count + 2);
    }

    @Test
    void aDeployOfManyUnitsCreatesThemAll() {
        int count = UnitWrites.MAX_UNITS_PER_TRANSACTION + 1;

        List<UnitName> units = state.services().deploy(new Deploy(ServiceName.of("many"), TestCharms.mysql(), Map.of(),
                count, "t"));

        assertThat(units).hasSize(count).last().isEqualTo(new UnitName(ServiceName.of("many"), count - 1));
        assertThat(state.units().unitsOf(ServiceName.of("many"))).containsExactlyInAnyOrderElementsOf(units);
    }

    @Test
    void removingAMissingUnitFailsAndRemovesNoOtherUnit() throws Exception {
        Map<String, String> before = dump();

        assertThatThrownBy(() -> state.units().remove(List.of(UnitName.parse("mysql/1"), UnitName.parse("mysql/7"))))
                .isInstanceOf(NotFoundException.class).hasMessage("unit mysql/7 not found");
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void removingAPlacedUnitLeavesItToItsAgentsAsDying() {
        state.units().assign(UNIT, state.machines().add("bookworm"));

        state.units().remove(List.of(UNIT));

        assertThat(state.store().read(StatePaths.unit(UNIT)).orElseThrow().string("life")).isEqualTo("dying");
    }

    @Test
    void resolvedNeedsAnErrorState() throws Exception {
        Map<String, String> before = dump();

        assertThatThrownBy(() -> state.units().resolved(UNIT, Optional.empty(), true))
                .isInstanceOf(ConflictException.class).hasMessage("unit mysql/0 is not in an error state (pending)");
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void resolvedRecordsTheRetryFlagOnce() {
        reportState("install-error");

        state.units().resolved(UNIT, Optional.empty(), true);

        assertThat(state.store().read(StatePaths.unitResolved(UNIT)).orElseThrow().flag("retry")).isTrue();
        assertThatThrownBy(() -> state.units().resolved(UNIT, Optional.empty(), false))
                .isInstanceOf(AlreadyExistsException.class);
    }
}
