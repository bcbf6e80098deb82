package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.juju.state.error.AlreadyExistsException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
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
}
