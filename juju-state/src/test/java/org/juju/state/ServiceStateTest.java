package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.juju.state.error.AlreadyExistsException;
import org.juju.state.error.CharmException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.Test;

class ServiceStateTest extends StateTestBase {
    private static final ServiceName MYSQL = ServiceName.of("mysql");

    private List<UnitName> deployMysql(int units, Map<String, Object> config) {
        return state.services().deploy(new Deploy(MYSQL, TestCharms.mysql(), config, units, "test"));
    }

    @Test
    void deployWritesServiceConfigUnitsAndPeerRelationInOneGo() {
        List<UnitName> units = deployMysql(2, Map.of("max-connections", 250));

        assertThat(units).extracting(UnitName::toString).containsExactly("mysql/0", "mysql/1");
        assertThat(state.services().names()).containsExactly(MYSQL);
        assertThat(state.services().userConfig(MYSQL)).containsEntry("max-connections", 250);
        assertThat(state.units().status(UnitName.parse("mysql/1"))).containsEntry("agent-state", "pending");
        assertThat(state.store().children(StatePaths.unassignedUnits())).containsExactly("mysql-0", "mysql-1");
        assertThat(state.relations().relationsOf(MYSQL)).as("peer relation created at deploy").containsValue("cluster");
        assertThat(state.charms().get(TestCharms.mysql().url())).isPresent();
    }

    @Test
    void deployOfAnExistingServiceFailsAndChangesNothing() throws Exception {
        deployMysql(1, Map.of());
        Map<String, String> before = dump();

        assertThatThrownBy(() -> deployMysql(3, Map.of()))
                .isInstanceOf(AlreadyExistsException.class).hasMessage("service 'mysql' already exists");
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void deployWithConfigOfTheWrongTypeChangesNothing() throws Exception {
        Map<String, String> before = dump();

        assertThatThrownBy(() -> deployMysql(1, Map.of("max-connections", "lots")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("max-connections");
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void redeployingAChangedCharmWithoutRevisionBumpIsRefused() throws Exception {
        deployMysql(1, Map.of());
        CharmRecord original = TestCharms.mysql();
        CharmRecord changed = new CharmRecord(original.url(), "other-sha", 1, original.bundleUrl(), original.metadata(),
                original.config());
        Map<String, String> before = dump();

        assertThatThrownBy(() -> state.services().deploy(new Deploy(ServiceName.of("db2"), changed, Map.of(), 1, "t")))
                .isInstanceOf(CharmException.class)
                .hasMessageContaining("different content").hasMessageContaining("-u");
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void setStoresTypedValuesAndEmptyValueRestoresDefault() {
        deployMysql(1, Map.of());

        state.services().setConfig(MYSQL, Map.of("max-connections", "42", "binlog", "true", "cache", "0.5"));
        assertThat(state.services().userConfig(MYSQL))
                .containsEntry("max-connections", 42).containsEntry("binlog", true).containsEntry("cache", 0.5);

        state.services().setConfig(MYSQL, Map.of("max-connections", ""));
        assertThat(state.services().userConfig(MYSQL)).doesNotContainKey("max-connections");
    }

    @Test
    void setWithOneBadValueChangesNothing() throws Exception {
        deployMysql(1, Map.of());
        Map<String, String> before = dump();

        assertThatThrownBy(() -> state.services().setConfig(MYSQL, Map.of("tuning", "fast", "max-connections", "x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("max-connections");
        assertThatThrownBy(() -> state.services().setConfig(MYSQL, Map.of("no-such-option", "1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no-such-option");
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void aConfigOverTheLimitIsRefusedAtDeployAndAtSetChangingNothing() throws Exception {
        String huge = "t".repeat(org.juju.state.Limits.SERVICE_CONFIG_BYTES);
        Map<String, String> empty = dump();

        assertThatThrownBy(() -> deployMysql(1, Map.of("tuning", huge)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("config of service 'mysql' would be ")
                .hasMessageEndingWith("over the limit of 65536 bytes (64 KiB); nothing was changed");
        assertThat(dump()).isEqualTo(empty);

        deployMysql(1, Map.of());
        Map<String, String> before = dump();
        assertThatThrownBy(() -> state.services().setConfig(MYSQL, Map.of("tuning", huge)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("config of service 'mysql' would be ");
        assertThat(dump()).isEqualTo(before);
        state.services().setConfig(MYSQL, Map.of("tuning", huge.substring(0, 60_000)));
        assertThat(state.services().userConfig(MYSQL)).containsKey("tuning");
    }

    @Test
    void unitNumbersAreNeverReused() {
        deployMysql(2, Map.of());
        state.units().remove(List.of(UnitName.parse("mysql/1")));

        List<UnitName> added = state.units().add(MYSQL, 1);

        assertThat(added).extracting(UnitName::toString).containsExactly("mysql/2");
    }

    @Test
    void destroyingAServiceWhoseUnitsWereNeverPlacedRemovesEverything() throws Exception {
        Map<String, String> before = dump();
        deployMysql(2, Map.of());
        state.services().expose(MYSQL);

        boolean gone = state.services().destroy(MYSQL);

        assertThat(gone).isTrue();
        Map<String, String> after = dump();
        after.keySet().removeIf(p -> p.startsWith(StatePaths.charms() + "/"));
        assertThat(after.keySet()).as("only the counters moved").isEqualTo(before.keySet());
    }

    @Test
    void destroyingAServiceWithPlacedUnitsMarksThemDying() {
        deployMysql(1, Map.of());
        state.units().assign(UnitName.parse("mysql/0"), state.machines().add("bookworm"));

        assertThat(state.services().destroy(MYSQL)).isFalse();

        assertThat(state.store().read(StatePaths.unit(UnitName.parse("mysql/0"))).orElseThrow().string("life")).isEqualTo("dying");
        assertThat(state.store().read(StatePaths.service(MYSQL)).orElseThrow().string("life")).isEqualTo("dying");
    }

    @Test
    void destroyingAServiceThatMustWaitStillDropsItsMemberlessRelationsCompletely() {
        deployMysql(1, Map.of());
        state.services().deploy(new Deploy(ServiceName.of("wordpress"), TestCharms.wordpress(), Map.of(), 1, "t"));
        var relation = state.relations().add(EndpointRef.parse("wordpress"), EndpointRef.parse("mysql"));
        state.units().assign(UnitName.parse("mysql/0"), state.machines().add("bookworm"));

        assertThat(state.services().destroy(MYSQL)).isFalse();

        assertThat(state.store().exists(StatePaths.relation(relation))).isFalse();
        assertThat(state.store().exists(StatePaths.serviceRelation(MYSQL, relation))).as("no dangling marker").isFalse();
        assertThat(state.store().exists(StatePaths.serviceRelation(ServiceName.of("wordpress"), relation))).isFalse();
        assertThat(state.services().destroy(MYSQL)).as("destroying again is harmless").isFalse();
    }

    @Test
    void concurrentDeploysOfOneNameCreateOneService() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Callable<String> deploy = () -> {
                try {
                    deployMysql(1, Map.of());
                    return "ok";
                } catch (AlreadyExistsException e) {
                    return "exists";
                }
            };
            results.add(pool.submit(deploy));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();

        assertThat(outcomes).containsOnlyOnce("ok");
        assertThat(state.store().children(StatePaths.serviceUnits(MYSQL))).containsExactly("0");
    }
}
