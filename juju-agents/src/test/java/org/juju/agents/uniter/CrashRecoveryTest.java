package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.juju.state.model.UnitAgentState;
import org.junit.jupiter.api.Test;

class CrashRecoveryTest {
    private final Agent agent = new Agent();
    private final Remote remote = new Remote();

    @Test
    void refusesToDecideWhileAHookIsPending() {
        agent.dieDuringNext(remote);
        assertThatThrownBy(() -> agent.peek(remote)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recoverAfterCrash");
        assertThatThrownBy(() -> Resolver.resolve(agent.local, remote.snapshot()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void treatsAUnitHookInterruptedByACrashAsFailed() {
        Hook install = agent.dieDuringNext(remote);
        agent.restart();
        assertThat(agent.local.operation()).isEqualTo(Operation.failed(install));
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.INSTALL_ERROR);
        assertThat(agent.runAll(remote)).as("waits for juju resolved").isEmpty();
    }

    @Test
    void leavesAStateWithNothingPendingUnchangedOnRecovery() {
        agent.runAll(remote);
        LocalState before = agent.local;
        agent.restart();
        assertThat(agent.local).isSameAs(before);
    }

    @Test
    void retryRunsTheInterruptedHookAgain() {
        agent.dieDuringNext(remote);
        agent.restart();
        assertThat(agent.runAll(remote.resolved(true, 1)))
                .containsExactly("install " + Remote.CHARM, "config-changed v0", "start");
    }

    @Test
    void skipRecordsTheFailedHookAsDoneAndContinues() {
        agent.runOne(remote);
        agent.dieDuringNext(remote.config(4));
        agent.restart();
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.CONFIGURE_ERROR);
        assertThat(agent.runAll(remote.resolved(false, 1))).containsExactly("start");
        assertThat(agent.local.configVersion()).isEqualTo(4);
        assertThat(agent.local.resolvedVersion()).isEqualTo(1);
    }

    @Test
    void actsOnEachResolvedRequestOnce() {
        agent.failNext(remote);
        remote.resolved(true, 1);
        agent.failNext(remote);
        assertThat(agent.runAll(remote)).as("the same request does not retry twice").isEmpty();
        assertThat(agent.runAll(remote.resolved(true, 2))).startsWith("install " + Remote.CHARM);
    }

    @Test
    void ignoresAResolvedRequestMadeWhileNothingFailed() {
        agent.runAll(remote.resolved(false, 1));
        agent.failNext(remote.config(1));
        assertThat(agent.runAll(remote)).as("the stale request does not skip the new failure").isEmpty();
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.CONFIGURE_ERROR);
    }

    @Test
    void resolvesWithPureFunctionsTheCallerApplies() {
        Hook install = agent.failNext(remote);
        assertThat(Resolver.resolve(agent.local, remote.snapshot())).isEqualTo(Resolution.NONE);
        assertThat(Resolver.resolve(agent.local, remote.resolved(true, 3).snapshot()))
                .isEqualTo(Resolution.retry(install, 3));
        assertThat(Resolver.resolve(agent.local, remote.resolved(false, 3).snapshot()))
                .isEqualTo(Resolution.skip(install, 3));
        assertThat(agent.local.skipFailed(3)).isEqualTo(agent.local.apply(Resolution.skip(install, 3)));
        assertThat(agent.local.retryFailed(3).operation()).isEqualTo(Operation.NONE);
    }

    @Test
    void treatsARelationHookInterruptedByACrashAsARelationError() {
        remote.relation(0, "db").member(0, "mysql/0", 0);
        agent.runAll(remote);
        remote.member(0, "mysql/0", 1);
        Hook changed = agent.dieDuringNext(remote);
        agent.restart();
        assertThat(agent.local.operation()).isEqualTo(Operation.NONE);
        assertThat(agent.local.relations().get(Remote.rel(0)).failedHook()).isEqualTo(changed);
        assertThat(agent.local.agentState()).isEqualTo(UnitAgentState.STARTED);
        assertThat(agent.runAll(remote.relationResolved(0, true, 1))).containsExactly(changed.toString());
    }
}
