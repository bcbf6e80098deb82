package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.juju.provider.Instance;
import org.juju.state.error.ConflictException;
import org.juju.state.model.Life;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writes agents make: instance records, relation membership, removal of finished units and services. */
class AgentWritesTest extends StateTestBase {
    private static final UnitName MYSQL_0 = UnitName.parse("mysql/0");
    private static final UnitName WORDPRESS_0 = UnitName.parse("wordpress/0");
    private RelationId db;
    private MachineId machine;

    @BeforeEach
    void deployRelatedPair() {
        state.services().deploy(new Deploy(ServiceName.of("mysql"), TestCharms.mysql(), Map.of(), 1, "t"));
        state.services().deploy(new Deploy(ServiceName.of("wordpress"), TestCharms.wordpress(), Map.of(), 1, "t"));
        db = state.relations().add(EndpointRef.parse("wordpress"), EndpointRef.parse("mysql"));
        machine = state.machines().add("bookworm");
        state.units().assign(MYSQL_0, machine);
    }

    @Test
    void machineInfoShowsInstanceUnitsAndFreedom() {
        state.machines().setInstance(machine, new Instance("i-1", machine, "10.0.0.2", "running"), 42);
        MachineId idle = state.machines().add("bookworm");

        List<MachineInfo> infos = state.machines().infos();

        MachineInfo busy = infos.stream().filter(i -> i.id().equals(machine)).findFirst().orElseThrow();
        assertThat(busy.instance()).hasValueSatisfying(r -> assertThat(r.instanceId()).isEqualTo("i-1"));
        assertThat(busy.units()).containsExactly(MYSQL_0);
        assertThat(busy.isFree()).isFalse();
        assertThat(infos.stream().filter(i -> i.id().equals(idle)).findFirst().orElseThrow().isFree()).isTrue();
        assertThat(infos.get(0).isFree()).as("machine 0 is never free").isFalse();
        assertThat(state.units().unassigned()).containsExactly(WORDPRESS_0);
    }

    @Test
    void joiningSeedsSettingsAndADyingRelationIsRemovedOnceItsLastMemberLeft() {
        state.relations().join(db, MYSQL_0, Map.of("private-address", "10.0.0.2"));
        state.relations().join(db, MYSQL_0, Map.of("private-address", "ignored"));
        assertThat(state.store().read(StatePaths.relationUnitSettings(db, MYSQL_0)).orElseThrow().data())
                .containsEntry("private-address", "10.0.0.2");

        state.relations().remove(EndpointRef.parse("wordpress"), EndpointRef.parse("mysql"));
        assertThat(state.store().read(StatePaths.relation(db)).orElseThrow().string("life")).isEqualTo("dying");
        assertThatThrownBy(() -> state.relations().join(db, WORDPRESS_0, Map.of())).isInstanceOf(ConflictException.class);

        assertThat(state.relations().removeIfFinished(db)).as("a member is left").isFalse();
        state.relations().leave(db, MYSQL_0);
        assertThat(state.store().exists(StatePaths.relation(db))).as("leaving does not remove").isTrue();

        assertThat(state.relations().removeIfFinished(db)).isTrue();
        assertThat(state.store().exists(StatePaths.relation(db))).isFalse();
        assertThat(state.relations().relationsOf(ServiceName.of("mysql"))).doesNotContainKey(db);
        assertThat(state.relations().relationsOf(ServiceName.of("wordpress"))).isEmpty();
    }

    @Test
    void aFinishedUnitIsRemovedWithItsAssignmentAndThenItsDyingServiceGoes() {
        state.relations().join(db, MYSQL_0, Map.of("private-address", "a"));
        state.services().destroy(ServiceName.of("mysql"));
        assertThatThrownBy(() -> state.units().removeDead(MYSQL_0))
                .as("still in a relation").isInstanceOf(ConflictException.class);

        state.relations().leave(db, MYSQL_0);
        state.units().removeDead(MYSQL_0);

        assertThat(state.store().exists(StatePaths.unit(MYSQL_0))).isFalse();
        assertThat(state.store().children(StatePaths.machineUnits(machine))).isEmpty();
        assertThat(state.services().removeIfFinished(ServiceName.of("mysql"))).as("its dying relation is left").isFalse();
        assertThat(state.relations().removeIfFinished(db)).isTrue();
        assertThat(state.services().removeIfFinished(ServiceName.of("mysql"))).isTrue();
        assertThat(state.services().names()).containsExactly(ServiceName.of("wordpress"));
    }

    @Test
    void aTerminatedMachineIsRemovedOnlyOnceDyingAndEmpty() {
        MachineId idle = state.machines().add("bookworm");
        assertThatThrownBy(() -> state.machines().remove(idle)).isInstanceOf(ConflictException.class);

        state.machines().terminate(List.of(idle));
        state.machines().remove(idle);

        assertThat(state.machines().ids()).doesNotContain(idle);
        assertThat(state.machines().infos()).extracting(MachineInfo::life).containsOnly(Life.ALIVE);
    }

    @Test
    void aHooksChangesAreCommittedTogether() {
        state.relations().join(db, MYSQL_0, Map.of("private-address", "10.0.0.2"));
        Map<String, String> changes = new java.util.HashMap<>();
        changes.put("user", "wp");
        changes.put("private-address", null);
        RelationId notJoined = new RelationId(99);

        state.units().commitHook(MYSQL_0, new HookWrites(Map.of(db, changes, notJoined, Map.of("x", "y")),
                java.util.Set.of("3306/tcp"), java.util.Set.of(), "active", "ready"));
        state.units().commitHook(MYSQL_0, new HookWrites(Map.of(), java.util.Set.of("80/tcp"), java.util.Set.of("3306/tcp"),
                null, null));

        assertThat(state.store().read(StatePaths.relationUnitSettings(db, MYSQL_0)).orElseThrow().data())
                .containsOnly(Map.entry("user", "wp"));
        assertThat(state.units().openPorts(MYSQL_0)).containsExactly("80/tcp");
        assertThat(state.units().status(MYSQL_0)).containsEntry("workload-status", "active")
                .containsEntry("workload-message", "ready");
        assertThat(state.store().exists(StatePaths.relationUnitSettings(notJoined, MYSQL_0))).isFalse();
    }

    @Test
    void aHookCommitOverTheLimitsWritesNothing() {
        state.relations().join(db, MYSQL_0, Map.of("private-address", "10.0.0.2"));
        Map<String, String> big = Map.of("blob", "x".repeat(org.juju.state.Limits.RELATION_SETTINGS_BYTES));

        assertThatThrownBy(() -> state.units().commitHook(MYSQL_0, new HookWrites(Map.of(db, big),
                java.util.Set.of("3306/tcp"), java.util.Set.of(), "active", "ready")))
                .isInstanceOf(org.juju.state.error.InvalidInputException.class)
                .hasMessageStartingWith("settings of mysql/0 in relation " + db + " would be ");
        assertThatThrownBy(() -> state.units().commitHook(MYSQL_0, new HookWrites(Map.of(), java.util.Set.of("3306/tcp"),
                java.util.Set.of(), "active", "m".repeat(org.juju.state.Limits.STATUS_MESSAGE_CHARS + 1))))
                .isInstanceOf(org.juju.state.error.InvalidInputException.class);

        assertThat(state.store().read(StatePaths.relationUnitSettings(db, MYSQL_0)).orElseThrow().data())
                .containsOnly(Map.entry("private-address", "10.0.0.2"));
        assertThat(state.units().openPorts(MYSQL_0)).isEmpty();
        assertThat(state.units().status(MYSQL_0)).doesNotContainKey("workload-message");
    }

    @Test
    void machineStatusErrorsShowInStatus() {
        state.machines().setStatus(machine, "error", "machine agent did not start within 120 s");

        assertThat(state.machines().infos().stream().filter(i -> i.id().equals(machine)).findFirst().orElseThrow().error())
                .contains("machine agent did not start within 120 s");
    }
}
