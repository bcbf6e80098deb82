package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;

import org.juju.state.model.UnitAgentState;
import org.junit.jupiter.api.Test;

class FirstBootTest {
    private final Agent agent = new Agent();
    private final Remote remote = new Remote();

    @Test
    void runsInstallThenConfigChangedThenStart() {
        assertThat(agent.runAll(remote.config(2))).containsExactly(
                "install " + Remote.CHARM, "config-changed v2", "start");
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.STARTED);
        assertThat(agent.local.configVersion()).isEqualTo(2);
        assertThat(agent.local.charmUrl()).isEqualTo(Remote.CHARM);
    }

    @Test
    void runsNoRelationHookBeforeStart() {
        remote.relation(0, "db").member(0, "mysql/0", 1);
        assertThat(agent.runAll(remote)).containsExactly(
                "install " + Remote.CHARM, "config-changed v0", "start",
                "db-relation-joined db:0 mysql/0 v1", "db-relation-changed db:0 mysql/0 v1");
    }

    @Test
    void firstConfigChangedCarriesTheConfigCurrentWhenItIsChosen() {
        agent.runOne(remote);
        remote.config(5);
        assertThat(agent.runAll(remote)).containsExactly("config-changed v5", "start");
    }

    @Test
    void configWrittenBetweenFirstConfigChangedAndStartGivesOneMoreAfterStart() {
        agent.runOne(remote);
        agent.runOne(remote);
        remote.config(1);
        assertThat(agent.runAll(remote)).containsExactly("start", "config-changed v1");
    }

    @Test
    void aFailedInstallStopsEverythingUntilResolved() {
        remote.relation(0, "db").member(0, "mysql/0", 1);
        agent.failNext(remote);
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.INSTALL_ERROR);
        assertThat(agent.runAll(remote.config(3))).isEmpty();
    }

    @Test
    void reportsTheAgentStateOfEachStep() {
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.PENDING);
        agent.runOne(remote);
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.INSTALLED);
        agent.runAll(remote);
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.STARTED);
        agent.runAll(remote.dying());
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.STOPPED);
    }
}
