package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.zookeeper.ZooDefs;
import org.juju.state.error.AlreadyExistsException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AclSource;
import org.juju.state.store.StateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RelationStateTest extends StateTestBase {
    private static final ServiceName MYSQL = ServiceName.of("mysql");
    private static final ServiceName WORDPRESS = ServiceName.of("wordpress");

    @BeforeEach
    void deployPair() {
        state.services().deploy(new Deploy(MYSQL, TestCharms.mysql(), Map.of(), 1, "t"));
        state.services().deploy(new Deploy(WORDPRESS, TestCharms.wordpress(), Map.of(), 1, "t"));
    }

    @Test
    void matchesEndpointsByInterfaceAndRole() {
        RelationId id = state.relations().add(EndpointRef.parse("wordpress"), EndpointRef.parse("mysql"));

        assertThat(state.relations().relationsOf(WORDPRESS)).containsEntry(id, "db");
        assertThat(state.relations().relationsOf(MYSQL)).containsEntry(id, "db");
    }

    @Test
    void withoutIdentityKeysARelationIsCreatedOpenAndListsNoReaders() throws Exception {
        JujuState asAdmin = new JujuState(new StateStore(client,
                AclSource.policy()));

        RelationId id = asAdmin.relations().add(EndpointRef.parse("wordpress"), EndpointRef.parse("mysql"));

        assertThat(state.store().read(StatePaths.relationSettings(id)).orElseThrow().data()).isEmpty();
        for (String path : List.of(StatePaths.relation(id),
                StatePaths.relationMembers(id), StatePaths.relationSettings(id),
                StatePaths.serviceRelation(MYSQL, id))) {
            assertThat(client.getACL().forPath(path)).as(path)
                    .isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
        }
    }

    @Test
    void theSameRelationCannotBeAddedTwiceInEitherOrder() throws Exception {
        state.relations().add(EndpointRef.parse("wordpress:db"), EndpointRef.parse("mysql"));
        Map<String, String> before = dump();

        assertThatThrownBy(() -> state.relations().add(EndpointRef.parse("mysql"), EndpointRef.parse("wordpress")))
                .isInstanceOf(AlreadyExistsException.class).hasMessage("relation mysql:db wordpress:db already exists");
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void unknownServiceUnmatchedAndAmbiguousEndpointsChangeNothing() throws Exception {
        state.services().deploy(new Deploy(ServiceName.of("reporter"), TestCharms.reporter(), Map.of(), 1, "t"));
        Map<String, String> before = dump();

        assertThatThrownBy(() -> state.relations().add(EndpointRef.parse("ghost"), EndpointRef.parse("mysql")))
                .isInstanceOf(NotFoundException.class).hasMessage("service 'ghost' not found");
        assertThatThrownBy(() -> state.relations().add(EndpointRef.parse("wordpress:website"), EndpointRef.parse("mysql")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("no matching relation");
        assertThatThrownBy(() -> state.relations().add(EndpointRef.parse("reporter"), EndpointRef.parse("mysql")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ambiguous").hasMessageContaining("reporter:primary").hasMessageContaining("reporter:archive");
        assertThatThrownBy(() -> state.relations().add(EndpointRef.parse("wordpress:nope"), EndpointRef.parse("mysql")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no relation 'nope'");
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void namingTheRelationResolvesAmbiguity() {
        state.services().deploy(new Deploy(ServiceName.of("reporter"), TestCharms.reporter(), Map.of(), 1, "t"));

        RelationId id = state.relations().add(EndpointRef.parse("reporter:archive"), EndpointRef.parse("mysql"));

        assertThat(state.relations().relationsOf(ServiceName.of("reporter"))).containsEntry(id, "archive");
    }

    @Test
    void removingARelationWithoutMembersDeletesItAndItCanBeAddedAgain() {
        RelationId first = state.relations().add(EndpointRef.parse("wordpress"), EndpointRef.parse("mysql"));

        state.relations().remove(EndpointRef.parse("mysql"), EndpointRef.parse("wordpress"));

        assertThat(state.relations().relationsOf(WORDPRESS)).isEmpty();
        RelationId second = state.relations().add(EndpointRef.parse("wordpress"), EndpointRef.parse("mysql"));
        assertThat(second.value()).as("relation ids are not reused").isGreaterThan(first.value());
    }

    @Test
    void removingAnUnknownRelationIsNotFound() {
        assertThatThrownBy(() -> state.relations().remove(EndpointRef.parse("mysql"), EndpointRef.parse("wordpress")))
                .isInstanceOf(NotFoundException.class).hasMessage("relation between mysql and wordpress not found");
    }

    @Test
    void removeMatchesOnlyExistingRelations() {
        ServiceName reporter = ServiceName.of("reporter");
        state.services().deploy(new Deploy(reporter, TestCharms.reporter(), Map.of(), 1, "t"));
        RelationId archive = state.relations().add(EndpointRef.parse("reporter:archive"), EndpointRef.parse("mysql"));
        RelationId primary = state.relations().add(EndpointRef.parse("reporter:primary"), EndpointRef.parse("mysql"));

        assertThatThrownBy(() -> state.relations().remove(EndpointRef.parse("reporter"), EndpointRef.parse("mysql")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ambiguous");
        state.relations().remove(EndpointRef.parse("reporter:archive"), EndpointRef.parse("mysql"));
        state.relations().remove(EndpointRef.parse("reporter"), EndpointRef.parse("mysql"));

        assertThat(state.relations().relationsOf(reporter)).doesNotContainKeys(archive, primary);
    }

    @Test
    void membersLeavingTogetherLeaveTheDyingRelationFinishedAndItIsRemovedOnce() throws Exception {
        org.juju.state.model.UnitName mysql = new org.juju.state.model.UnitName(MYSQL, 0);
        org.juju.state.model.UnitName wordpress = new org.juju.state.model.UnitName(WORDPRESS, 0);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 30; round++) {
                RelationId id = state.relations().add(EndpointRef.parse("wordpress"), EndpointRef.parse("mysql"));
                state.relations().join(id, mysql, Map.of("private-address", "10.0.0.1"));
                state.relations().join(id, wordpress, Map.of("private-address", "10.0.0.2"));
                state.relations().remove(EndpointRef.parse("wordpress"), EndpointRef.parse("mysql"));
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                java.util.List<java.util.concurrent.Future<?>> leaving = new java.util.ArrayList<>();
                for (org.juju.state.model.UnitName unit : List.of(mysql, wordpress)) {
                    leaving.add(pool.submit(() -> {
                        together.await();
                        state.relations().leave(id, unit);
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> leave : leaving) {
                    leave.get();
                }
                assertThat(state.store().children(StatePaths.relationMembers(id))).isEmpty();
                assertThat(state.relations().removeIfFinished(id)).isTrue();
                assertThat(state.relations().removeIfFinished(id)).as("once").isFalse();

                assertThat(state.store().exists(StatePaths.relation(id)))
                        .as("relation %s removed in round %d", id, round).isFalse();
                assertThat(state.relations().relationsOf(WORDPRESS)).doesNotContainKey(id);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
