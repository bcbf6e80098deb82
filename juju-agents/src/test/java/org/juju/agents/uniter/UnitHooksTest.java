package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;

import org.juju.state.model.UnitAgentState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnitHooksTest {
    private static final String NEW_CHARM = "local:precise/wordpress-2";
    private final Agent agent = new Agent();
    private final Remote remote = new Remote();

    @BeforeEach
    void boot() {
        agent.runAll(remote);
    }

    @Test
    void coalescesManyConfigWritesIntoOneConfigChangedWithTheLatestVersion() {
        remote.config(1);
        remote.config(2);
        remote.config(3);
        assertThat(agent.runAll(remote)).containsExactly("config-changed v3");
        assertThat(agent.runAll(remote)).isEmpty();
    }

    @Test
    void runsConfigChangedAgainWhenConfigChangesDuringTheHook() {
        Hook running = Resolver.next(agent.local, remote.config(1).snapshot()).orElseThrow();
        agent.local = agent.local.started(running);
        remote.config(2);
        agent.local = agent.local.succeeded(running);
        assertThat(running).hasToString("config-changed v1");
        assertThat(agent.runAll(remote)).containsExactly("config-changed v2");
    }

    @Test
    void upgradesThenRunsConfigChangedEvenWithoutAConfigChange() {
        assertThat(agent.runAll(remote.charm(NEW_CHARM, false)))
                .containsExactly("upgrade-charm " + NEW_CHARM, "config-changed v0");
        assertThat(agent.local.charmUrl()).isEqualTo(NEW_CHARM);
    }

    @Test
    void runsUnitHooksBeforeRelationHooks() {
        remote.relation(0, "db").member(0, "mysql/0", 0).config(1).charm(NEW_CHARM, false);
        assertThat(agent.runAll(remote)).containsExactly("upgrade-charm " + NEW_CHARM, "config-changed v1",
                "db-relation-joined db:0 mysql/0 v0", "db-relation-changed db:0 mysql/0 v0");
    }

    @Test
    void doesNotUpgradeAUnitInErrorWithoutForce() {
        agent.failNext(remote.config(1));
        assertThat(agent.runAll(remote.charm(NEW_CHARM, false))).isEmpty();
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.CONFIGURE_ERROR);
    }

    @Test
    void aForcedUpgradeOfAUnitInErrorRunsAndThenTheFailedStepAgain() {
        agent.failNext(remote.config(1));
        assertThat(agent.runAll(remote.charm(NEW_CHARM, true)))
                .containsExactly("upgrade-charm " + NEW_CHARM, "config-changed v1");
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.STARTED);
    }

    @Test
    void aFailedUpgradeLeavesTheOldCharmAndIsRetriedWhenResolved() {
        agent.failNext(remote.charm(NEW_CHARM, false));
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.CHARM_UPGRADE_ERROR);
        assertThat(agent.local.charmUrl()).isEqualTo(Remote.CHARM);
        assertThat(agent.runAll(remote.resolved(true, 1)))
                .containsExactly("upgrade-charm " + NEW_CHARM, "config-changed v0");
    }
}
