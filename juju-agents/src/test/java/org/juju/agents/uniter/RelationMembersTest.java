package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juju.agents.uniter.Remote.rel;
import static org.juju.agents.uniter.Remote.unit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@code relation-list} shows during each hook. */
class RelationMembersTest {
    private final Agent agent = new Agent();
    private final Remote remote = new Remote();

    @BeforeEach
    void joinTwoUnits() {
        agent.runAll(remote.relation(0, "db").member(0, "mysql/0", 0).member(0, "mysql/1", 0).relation(1, "cache"));
    }

    @Test
    void showsTheJoinedMembersOutsideAHookOfTheRelation() {
        assertThat(agent.local.relationMembers(rel(0))).containsExactly(unit("mysql/0"), unit("mysql/1"));
        agent.dieDuringNext(remote.member(1, "memcached/0", 0));
        assertThat(agent.local.relationMembers(rel(0))).as("during a hook of another relation")
                .containsExactly(unit("mysql/0"), unit("mysql/1"));
    }

    @Test
    void includesTheJoiningUnitDuringJoined() {
        agent.dieDuringNext(remote.member(0, "mysql/2", 0));
        assertThat(agent.local.relationMembers(rel(0))).containsExactly(unit("mysql/0"), unit("mysql/1"), unit("mysql/2"));
    }

    @Test
    void excludesTheDepartingUnitDuringDeparted() {
        agent.dieDuringNext(remote.leave(0, "mysql/0"));
        assertThat(agent.local.relationMembers(rel(0))).containsExactly(unit("mysql/1"));
    }

    @Test
    void showsNoneDuringBroken() {
        remote.removeRelation(0);
        agent.runOne(remote);
        agent.runOne(remote);
        assertThat(agent.dieDuringNext(remote)).hasToString("db-relation-broken db:0");
        assertThat(agent.local.relationMembers(rel(0))).isEmpty();
    }

    @Test
    void showsNoneForAnUnknownRelation() {
        assertThat(agent.local.relationMembers(rel(42))).isEmpty();
    }
}
