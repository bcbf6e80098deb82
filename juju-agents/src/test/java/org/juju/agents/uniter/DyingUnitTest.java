package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DyingUnitTest {
    private final Agent agent = new Agent();
    private final Remote remote = new Remote();

    @Test
    void departsEveryMemberAndBreaksEachRelationInIdOrderThenStops() {
        remote.relation(3, "cache").member(3, "memcached/0", 0)
                .relation(1, "db").member(1, "mysql/1", 0).member(1, "mysql/0", 0);
        agent.runAll(remote);
        assertThat(agent.runAll(remote.dying())).containsExactly(
                "db-relation-departed db:1 mysql/0", "db-relation-departed db:1 mysql/1", "db-relation-broken db:1",
                "cache-relation-departed cache:3 memcached/0", "cache-relation-broken cache:3", "stop");
        assertThat(agent.local.stopped()).isTrue();
        assertThat(Resolver.finished(agent.local, remote.snapshot())).isTrue();
        assertThat(agent.runAll(remote)).isEmpty();
    }

    @Test
    void runsNoConfigOrUpgradeHookWhileDying() {
        agent.runAll(remote);
        remote.config(3).charm("local:precise/wordpress-9", true).dying();
        assertThat(agent.runAll(remote)).containsExactly("stop");
    }

    @Test
    void deliversAPostJoinChangedStillOwedBeforeDeparting() {
        remote.relation(0, "db").member(0, "mysql/0", 0);
        agent.runAll(remote);
        assertThat(agent.runOne(remote.member(0, "mysql/1", 0))).isEqualTo("db-relation-joined db:0 mysql/1 v0");
        assertThat(agent.runAll(remote.dying())).containsExactly("db-relation-changed db:0 mysql/1 v0",
                "db-relation-departed db:0 mysql/0", "db-relation-departed db:0 mysql/1", "db-relation-broken db:0",
                "stop");
    }

    @Test
    void aRelationInErrorHoldsBackStopUntilResolved() {
        remote.relation(0, "db").member(0, "mysql/0", 0).relation(1, "cache");
        agent.runAll(remote);
        remote.dying();
        assertThat(agent.failNext(remote)).hasToString("db-relation-departed db:0 mysql/0");
        assertThat(agent.runAll(remote)).containsExactly("cache-relation-broken cache:1");
        assertThat(Resolver.finished(agent.local, remote.snapshot())).isFalse();
        assertThat(agent.runAll(remote.relationResolved(0, false, 1))).containsExactly("db-relation-broken db:0", "stop");
    }

    @Test
    void aUnitInstalledButNeverStartedGoesStraightToStop() {
        remote.relation(0, "db").member(0, "mysql/0", 0);
        agent.runOne(remote);
        agent.failNext(remote);
        agent.runAll(remote.dying().resolved(true, 1));
        assertThat(agent.ran).containsExactly("install " + Remote.CHARM, "stop");
        assertThat(Resolver.finished(agent.local, remote.snapshot())).isTrue();
    }

    @Test
    void aUnitWhoseInstallFailedHasNothingToDoWhenDying() {
        agent.failNext(remote);
        assertThat(agent.runAll(remote.dying())).isEmpty();
        assertThat(Resolver.finished(agent.local, remote.snapshot())).isTrue();
    }

    @Test
    void aUnitInErrorWaitsForResolvedBeforeRunningDown() {
        agent.runAll(remote);
        agent.failNext(remote.config(1));
        remote.dying();
        assertThat(agent.runAll(remote)).isEmpty();
        assertThat(Resolver.finished(agent.local, remote.snapshot())).isFalse();
        assertThat(agent.runAll(remote.resolved(false, 1))).containsExactly("stop");
    }

    @Test
    void isNotFinishedWhileAlive() {
        assertThat(Resolver.finished(LocalState.fresh(), remote.snapshot())).isFalse();
    }
}
