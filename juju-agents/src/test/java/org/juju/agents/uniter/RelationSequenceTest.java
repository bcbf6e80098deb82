package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelationSequenceTest {
    private final Agent agent = new Agent();
    private final Remote remote = new Remote();

    @BeforeEach
    void boot() {
        agent.runAll(remote);
    }

    @Test
    void followsAUnitThroughJoinSettingsChangesDepartureAndRemoval() {
        remote.relation(0, "db");
        assertThat(agent.runAll(remote)).isEmpty();
        assertThat(agent.runAll(remote.member(0, "mysql/0", 0)))
                .containsExactly("db-relation-joined db:0 mysql/0 v0", "db-relation-changed db:0 mysql/0 v0");
        assertThat(agent.runAll(remote.member(0, "mysql/0", 1))).containsExactly("db-relation-changed db:0 mysql/0 v1");
        assertThat(agent.runAll(remote.leave(0, "mysql/0"))).containsExactly("db-relation-departed db:0 mysql/0");
        assertThat(agent.runAll(remote.removeRelation(0))).containsExactly("db-relation-broken db:0");
        assertThat(agent.local.relations()).isEmpty();
    }

    @Test
    void departsEveryRemainingMemberInOrderBeforeBrokenWhenTheRelationIsRemoved() {
        remote.relation(0, "db").member(0, "mysql/1", 0).member(0, "mysql/0", 0).member(0, "mysql/10", 0);
        agent.runAll(remote);
        assertThat(agent.runAll(remote.removeRelation(0))).containsExactly(
                "db-relation-departed db:0 mysql/0", "db-relation-departed db:0 mysql/1",
                "db-relation-departed db:0 mysql/10", "db-relation-broken db:0");
    }

    @Test
    void runsDownADyingRelationLikeARemovedOneWhileItsUnitsAreStillThere() {
        remote.relation(0, "db").member(0, "mysql/0", 0);
        agent.runAll(remote);
        assertThat(agent.runAll(remote.dyingRelation(0).member(0, "mysql/0", 5)))
                .containsExactly("db-relation-departed db:0 mysql/0", "db-relation-broken db:0");
        assertThat(agent.runAll(remote)).as("a dying relation is not learned again").isEmpty();
    }

    @Test
    void deliversBrokenOnceForARelationNoUnitEverJoined() {
        remote.relation(0, "db");
        agent.runAll(remote);
        assertThat(agent.runAll(remote.removeRelation(0))).containsExactly("db-relation-broken db:0");
        assertThat(agent.runAll(remote)).isEmpty();
    }

    @Test
    void neverLearnsARelationThatIsAlreadyDying() {
        remote.relation(0, "db").member(0, "mysql/0", 0).dyingRelation(0);
        assertThat(agent.runAll(remote)).isEmpty();
        assertThat(agent.local.relations()).isEmpty();
    }

    @Test
    void takesRelationsInIdOrderAndUnitsInNameOrder() {
        remote.relation(7, "cache").member(7, "memcached/0", 0)
                .relation(2, "db").member(2, "mysql/2", 3).member(2, "mysql/1", 4);
        assertThat(agent.runAll(remote)).containsExactly(
                "db-relation-joined db:2 mysql/1 v4", "db-relation-changed db:2 mysql/1 v4",
                "db-relation-joined db:2 mysql/2 v3", "db-relation-changed db:2 mysql/2 v3",
                "cache-relation-joined cache:7 memcached/0 v0", "cache-relation-changed cache:7 memcached/0 v0");
    }

    @Test
    void deliversDeparturesBeforeJoinsAndJoinsBeforeChanges() {
        remote.relation(0, "db").member(0, "mysql/0", 0).member(0, "mysql/1", 0);
        agent.runAll(remote);
        remote.member(0, "mysql/0", 1).leave(0, "mysql/1").member(0, "mysql/2", 0);
        assertThat(agent.runAll(remote)).containsExactly("db-relation-departed db:0 mysql/1",
                "db-relation-joined db:0 mysql/2 v0", "db-relation-changed db:0 mysql/2 v0",
                "db-relation-changed db:0 mysql/0 v1");
    }

    @Test
    void runsThePostJoinChangedWithTheLatestVersion() {
        remote.relation(0, "db").member(0, "mysql/0", 0);
        String joined = agent.runOne(remote);
        remote.member(0, "mysql/0", 2);
        assertThat(joined).isEqualTo("db-relation-joined db:0 mysql/0 v0");
        assertThat(agent.runAll(remote)).containsExactly("db-relation-changed db:0 mysql/0 v2");
    }

    @ParameterizedTest(name = "{0} other peers")
    @ValueSource(ints = {1, 2, 5})
    void joinsEveryPeerThenHearsEachChangeAndDepartsThemAll(int peers) {
        remote.relation(0, "cluster");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= peers; i++) {
            remote.member(0, "wordpress/" + i, 0);
            expected.add("cluster-relation-joined cluster:0 wordpress/" + i + " v0");
            expected.add("cluster-relation-changed cluster:0 wordpress/" + i + " v0");
        }
        assertThat(agent.runAll(remote)).containsExactlyElementsOf(expected);
        assertThat(agent.local.relationMembers(Remote.rel(0))).hasSize(peers);

        remote.member(0, "wordpress/" + peers, 1);
        assertThat(agent.runAll(remote)).containsExactly("cluster-relation-changed cluster:0 wordpress/" + peers + " v1");

        remote.removeRelation(0);
        assertThat(agent.runAll(remote)).hasSize(peers + 1).last().isEqualTo("cluster-relation-broken cluster:0");
    }

    @Test
    void aPeerRelationAloneGetsNoHooksUntilAnotherPeerArrives() {
        assertThat(agent.runAll(remote.relation(0, "cluster"))).isEmpty();
        assertThat(agent.local.relations()).containsKey(Remote.rel(0));
    }
}
