package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juju.state.testing.Nested.at;

import java.util.List;
import java.util.Map;
import org.juju.state.error.CorruptNodeException;
import org.juju.state.model.MachineId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusReaderTest extends StateTestBase {

    @BeforeEach
    void deploy() {
        state.services().deploy(new Deploy(ServiceName.of("mysql"), TestCharms.mysql(), Map.of(), 1, "t"));
        state.services().deploy(new Deploy(ServiceName.of("wordpress"), TestCharms.wordpress(), Map.of(), 2, "t"));
        state.relations().add(EndpointRef.parse("wordpress"), EndpointRef.parse("mysql"));
        state.services().expose(ServiceName.of("wordpress"));
    }


    @Test
    void hasTheOriginalShape() {
        Map<String, Object> status = state.status().read(Map.of("name", "test"), List.of());

        assertThat(status).containsOnlyKeys("environment", "machines", "services");
        assertThat(at(status, "machines")).containsOnlyKeys(0);
        assertThat(at(status, "machines", 0)).containsEntry("agent-state", "not-started").containsEntry("instance-id", "pending");
        assertThat(at(status, "services", "mysql")).containsEntry("charm", "local:bookworm/mysql-1").containsEntry("exposed", false);
        assertThat(at(status, "services", "mysql", "relations"))
                .containsEntry("db", List.of("wordpress")).containsEntry("cluster", List.of("mysql"));
        assertThat(at(status, "services", "wordpress")).containsEntry("exposed", true);
        assertThat(at(status, "services", "wordpress", "units", "wordpress/1"))
                .containsEntry("agent-state", "pending").containsEntry("open-ports", List.of())
                .containsEntry("relation-errors", Map.of());
    }

    @Test
    void aStartedUnitWithoutPresenceIsDown() {
        UnitName unit = UnitName.parse("mysql/0");
        var status = state.store().read(StatePaths.unitStatus(unit)).orElseThrow();
        state.store().commit(state.store().transaction().update(status, Map.of("agent-state", "started")));

        Map<String, Object> read = state.status().read(Map.of(), List.of());

        assertThat(at(read, "services", "mysql", "units", "mysql/0")).containsEntry("agent-state", "down");
    }

    @Test
    void patternsSelectServicesAndUnits() {
        Map<String, Object> byService = state.status().read(Map.of(), List.of("mysql"));
        Map<String, Object> byUnit = state.status().read(Map.of(), List.of("wordpress/1"));

        assertThat(at(byService, "services")).containsOnlyKeys("mysql");
        assertThat(at(byUnit, "services", "wordpress", "units")).containsOnlyKeys("wordpress/1");
    }

    @Test
    void garbageWrittenByAForeignClientBreaksOnlyItsOwnEntity() throws Exception {
        MachineId machine = state.machines().add("bookworm");
        client.setData().forPath(StatePaths.unitStatus(UnitName.parse("wordpress/0")), new byte[] {(byte) 0xff, 0, '[', 1});
        client.setData().forPath(StatePaths.service(ServiceName.of("mysql")), "- just\n- a list\n".getBytes());
        client.setData().forPath(StatePaths.machine(machine), "a: &a [*a]\n".getBytes());
        client.setData().forPath(StatePaths.unitStatus(UnitName.parse("wordpress/1")),
                "agent-state: started\nrelation-errors: [db, {x: 1}]\n".getBytes());

        Map<String, Object> read = state.status().read(Map.of(), List.of());

        assertThat(at(read, "services", "mysql")).as("a service node that is not a mapping")
                .containsOnly(Map.entry(StatusReader.ERROR, "znode /services/mysql: expected a mapping at the top level, found a list"));
        assertThat((String) at(read, "services", "wordpress", "units", "wordpress/0").get(StatusReader.ERROR))
                .as("a unit status node of binary garbage")
                .startsWith("znode " + StatePaths.unitStatus(UnitName.parse("wordpress/0")) + ": invalid YAML");
        assertThat(at(read, "services", "wordpress", "units", "wordpress/1")).as("wrong-shape values")
                .containsOnly(Map.entry(StatusReader.ERROR, "unit wordpress/1: unexpected data in its nodes (ClassCastException)"));
        assertThat((String) at(read, "machines", machine.value()).get(StatusReader.ERROR)).as("a recursive machine node")
                .contains("recursive structure");
        assertThat(at(read, "machines", 0)).as("everything else is still shown").containsEntry("agent-state", "not-started");
        assertThat(at(read, "services", "wordpress")).containsEntry("exposed", true);
        assertThat(at(read, "services", "wordpress", "relations")).containsEntry("db", List.of("mysql"));

        assertThatThrownBy(() -> state.store().read(StatePaths.unitStatus(UnitName.parse("wordpress/0"))))
                .isInstanceOf(CorruptNodeException.class).hasMessageContaining("/services/wordpress/units/0/status")
                .satisfies(e -> assertThat(((CorruptNodeException) e).path())
                        .isEqualTo(StatePaths.unitStatus(UnitName.parse("wordpress/0"))));
    }
}
