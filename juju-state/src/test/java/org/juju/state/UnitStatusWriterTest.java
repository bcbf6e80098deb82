package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.juju.state.error.AccessDeniedException;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The unit agent's status writer: its writes are those of {@link UnitState#updateStatus}, after the
 * first one it reads neither node, and a write made elsewhere meanwhile is kept, not overwritten.
 */
class UnitStatusWriterTest extends StateTestBase {
    private static final UnitName UNIT = UnitName.parse("mysql/0");
    private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
    /**
     * Anyone may write (and change the ACL back), nobody may read: a read of a node with this ACL
     * fails, a version-guarded set does not.
     */
    private static final List<ACL> WRITE_ONLY = List.of(new ACL(ZooDefs.Perms.WRITE | ZooDefs.Perms.ADMIN,
            ZooDefs.Ids.ANYONE_ID_UNSAFE));

    @BeforeEach
    void deploy() {
        state.services().deploy(new Deploy(ServiceName.of("mysql"), TestCharms.mysql(), Map.of(), 1, "t"));
    }

    @Test
    void writesAfterTheFirstReadNeitherTheStatusNorItsHistory() throws Exception {
        UnitStatusWriter writer = state.units().statusWriter(UNIT);
        writer.update(Map.of("agent-state", "installed", "private-address", "10.0.0.5"), StatusEvent.transition(T0, "install"));
        unreadable(StatePaths.unitStatus(UNIT));
        unreadable(StatePaths.unitStatusHistory(UNIT));
        assertThatThrownBy(() -> state.units().status(UNIT)).as("the nodes are unreadable now")
                .isInstanceOf(AccessDeniedException.class);

        writer.update(Map.of("agent-state", "started"), StatusEvent.transition(T0.plusSeconds(1), "start"));
        writer.update(Map.of("workload-message", "ready"), null);

        readable(StatePaths.unitStatus(UNIT));
        readable(StatePaths.unitStatusHistory(UNIT));
        assertThat(state.units().status(UNIT)).containsEntry("agent-state", "started")
                .containsEntry("private-address", "10.0.0.5").containsEntry("workload-message", "ready");
        assertThat(state.units().statusHistory(UNIT).entries()).extracting(StatusHistory.Entry::state, StatusHistory.Entry::hook)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("installed", "install"),
                        org.assertj.core.groups.Tuple.tuple("started", "start"));
    }

    @Test
    void aWriteMadeElsewhereMeanwhileIsKeptAndItsHistoryEntryToo() {
        UnitStatusWriter writer = state.units().statusWriter(UNIT);
        writer.update(Map.of("agent-state", "installed"), StatusEvent.transition(T0, "install"));
        // The machine agent's report, between two writes of the unit agent.
        state.units().reportStatus(UNIT, Map.of("agent-state", "install-error", "message", "cannot fetch the charm"));

        writer.update(Map.of("retry-at", "09:00:08Z"), null);

        assertThat(state.units().status(UNIT)).containsEntry("agent-state", "install-error")
                .containsEntry("message", "cannot fetch the charm").containsEntry("retry-at", "09:00:08Z");
        assertThat(writer.status()).isEqualTo(state.units().status(UNIT));
        assertThat(state.units().statusHistory(UNIT).entries()).extracting(StatusHistory.Entry::state)
                .containsExactly("installed", "install-error");
        writer.update(Map.of("agent-state", "started"), StatusEvent.transition(T0.plusSeconds(2), "start"));
        assertThat(state.units().statusHistory(UNIT).entries()).extracting(StatusHistory.Entry::state)
                .containsExactly("installed", "install-error", "started");
    }

    @Test
    void afterForgetTheNextWriteReadsAgain() throws Exception {
        UnitStatusWriter writer = state.units().statusWriter(UNIT);
        writer.update(Map.of("agent-state", "installed"), null);
        writer.forget();
        unreadable(StatePaths.unitStatus(UNIT));

        assertThatThrownBy(() -> writer.update(Map.of("agent-state", "started"), null))
                .isInstanceOf(AccessDeniedException.class);
        readable(StatePaths.unitStatus(UNIT));
        assertThat(state.units().status(UNIT)).containsEntry("agent-state", "installed");
    }

    private void unreadable(String path) throws Exception {
        client.setACL().withACL(WRITE_ONLY).forPath(path);
    }

    private void readable(String path) throws Exception {
        client.setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath(path);
    }
}
