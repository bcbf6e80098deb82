package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;

import org.juju.state.model.UnitAgentState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RelationErrorIsolationTest {
    private final Agent agent = new Agent();
    private final Remote remote = new Remote();
    private Hook failed;

    @BeforeEach
    void failAJoinedHookOfRelationZero() {
        agent.runAll(remote);
        remote.relation(0, "db").member(0, "mysql/0", 0).relation(1, "cache");
        failed = agent.failNext(remote);
    }

    @Test
    void keepsTheFailedHookOnItsRelationOnly() {
        assertThat(failed).hasToString("db-relation-joined db:0 mysql/0 v0");
        assertThat(agent.local.relations().get(Remote.rel(0)).inError()).isTrue();
        assertThat(agent.local.operation()).isEqualTo(Operation.NONE);
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.STARTED);
    }

    @Test
    void otherRelationsAndUnitHooksGoOnWhileARelationIsInError() {
        remote.member(0, "mysql/1", 0).member(1, "memcached/0", 0).config(1);
        assertThat(agent.runAll(remote)).containsExactly("config-changed v1",
                "cache-relation-joined cache:1 memcached/0 v0", "cache-relation-changed cache:1 memcached/0 v0");
    }

    @Test
    void aUnitResolvedRequestDoesNotResolveARelation() {
        assertThat(agent.runAll(remote.resolved(true, 1))).isEmpty();
        assertThat(agent.local.relations().get(Remote.rel(0)).inError()).isTrue();
    }

    @Test
    void retryRunsTheFailedRelationHookAgain() {
        assertThat(agent.runAll(remote.relationResolved(0, true, 1)))
                .containsExactly(failed.toString(), "db-relation-changed db:0 mysql/0 v0");
    }

    @Test
    void skipRecordsTheFailedRelationHookAndContinuesWithWhatFollows() {
        assertThat(agent.runAll(remote.relationResolved(0, false, 1)))
                .containsExactly("db-relation-changed db:0 mysql/0 v0");
        assertThat(agent.local.relations().get(Remote.rel(0)).resolvedVersion()).isEqualTo(1);
    }

    @Test
    void aRelationRequestIsConsumedOnce() {
        remote.relationResolved(0, true, 1);
        agent.failNext(remote);
        assertThat(agent.runAll(remote)).isEmpty();
        assertThat(agent.runAll(remote.relationResolved(0, false, 2)))
                .containsExactly("db-relation-changed db:0 mysql/0 v0");
    }

    @Test
    void aUnitHookErrorStopsRelationHooksToo() {
        agent.runAll(remote.relationResolved(0, true, 1));
        agent.failNext(remote.config(1));
        assertThat(agent.runAll(remote.member(0, "mysql/0", 5).member(1, "memcached/0", 0))).isEmpty();
    }
}
