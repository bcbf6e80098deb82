package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.juju.state.error.AlreadyExistsException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code juju debug-hooks} requests: recorded by the client for its session, read by the unit agent. */
class DebugHooksStateTest extends StateTestBase {
    private static final UnitName UNIT = UnitName.parse("mysql/0");

    @BeforeEach
    void deploy() {
        state.services().deploy(new Deploy(ServiceName.of("mysql"), TestCharms.mysql(), Map.of(), 1, "t"));
    }

    private void assertRefusedAndNothingChanged(UnitName unit, DebugHooks request, Class<? extends RuntimeException> type,
                                                String message) throws Exception {
        Map<String, String> before = dump();
        assertThatThrownBy(() -> state.debugHooks().request(unit, request)).isInstanceOf(type).hasMessage(message);
        assertThat(dump()).as("the tree is unchanged").isEqualTo(before);
    }

    @Test
    void aRequestIsAnEphemeralNodeTheAgentReadsBack() throws Exception {
        state.debugHooks().request(UNIT, new DebugHooks(List.of("install", "db-relation-changed", "install")));

        assertThat(state.debugHooks().current(UNIT)).hasValueSatisfying(request -> {
            assertThat(request.hooks()).as("repeats dropped, order kept").containsExactly("install", "db-relation-changed");
            assertThat(request.matches("db-relation-changed")).isTrue();
            assertThat(request.matches("start")).isFalse();
        });
        assertThat(state.store().read(StatePaths.unitDebugHooks(UNIT)).orElseThrow().data())
                .isEqualTo(Map.of("hooks", List.of("install", "db-relation-changed")));
        assertThat(client.checkExists().forPath(StatePaths.unitDebugHooks(UNIT)).getEphemeralOwner())
                .as("owned by the client's session").isEqualTo(client.getZookeeperClient().getZooKeeper().getSessionId());
    }

    @Test
    void noHookNamesMeansEveryHook() {
        state.debugHooks().request(UNIT, DebugHooks.all());

        assertThat(state.debugHooks().current(UNIT)).hasValueSatisfying(request -> {
            assertThat(request.isAll()).isTrue();
            assertThat(request.matches("cluster-relation-departed")).isTrue();
        });
    }

    @Test
    void everyHookOfTheCharmIsAccepted() {
        DebugHooks request = new DebugHooks(List.of("install", "config-changed", "start", "upgrade-charm", "stop",
                "db-relation-joined", "cluster-relation-broken", "juju-info-relation-changed"));

        state.debugHooks().request(UNIT, request);

        assertThat(state.debugHooks().current(UNIT)).contains(request);
    }

    @Test
    void removingIsIdempotent() {
        state.debugHooks().request(UNIT, DebugHooks.all());

        state.debugHooks().remove(UNIT);
        state.debugHooks().remove(UNIT);

        assertThat(state.debugHooks().current(UNIT)).isEmpty();
        assertThat(state.store().exists(StatePaths.unit(UNIT))).isTrue();
    }

    @Test
    void theRequestGoesWithTheSessionOfTheClientThatMadeIt() {
        try (CuratorFramework other = StateConnection.connect(client.getZookeeperClient().getCurrentConnectionString(),
                Duration.ofSeconds(5))) {
            new JujuState(new StateStore(other)).debugHooks().request(UNIT, DebugHooks.all());
            assertThat(state.debugHooks().current(UNIT)).isPresent();
        }

        assertThat(state.debugHooks().current(UNIT)).as("closing the session deleted it").isEmpty();
    }

    @Test
    void anUnknownUnitIsRefused() throws Exception {
        assertRefusedAndNothingChanged(UnitName.parse("mysql/7"), DebugHooks.all(), NotFoundException.class,
                "unit mysql/7 not found");
        assertRefusedAndNothingChanged(UnitName.parse("redis/0"), DebugHooks.all(), NotFoundException.class,
                "unit redis/0 not found");
    }

    @Test
    void aHookTheCharmDoesNotHaveIsRefused() throws Exception {
        assertRefusedAndNothingChanged(UNIT, new DebugHooks(List.of("install", "db-relation-jioned")),
                InvalidInputException.class, "charm local:bookworm/mysql-1 has no hook 'db-relation-jioned' (its hooks:"
                        + " install, config-changed, start, upgrade-charm, stop, juju-info-relation-joined,"
                        + " juju-info-relation-changed, juju-info-relation-departed, juju-info-relation-broken,"
                        + " db-relation-joined, db-relation-changed, db-relation-departed, db-relation-broken,"
                        + " cluster-relation-joined, cluster-relation-changed, cluster-relation-departed,"
                        + " cluster-relation-broken)");
    }

    @Test
    void aSecondSessionOfTheSameUnitIsRefused() throws Exception {
        state.debugHooks().request(UNIT, new DebugHooks(List.of("start")));

        assertRefusedAndNothingChanged(UNIT, DebugHooks.all(), AlreadyExistsException.class,
                "a debug-hooks session of unit mysql/0 is already open (one left by a client that died goes away"
                        + " within 20 s)");
        assertThat(state.debugHooks().current(UNIT).orElseThrow().hooks()).containsExactly("start");
    }

    @Test
    void theSessionNameIsTheUnitsKey() {
        assertThat(DebugHooks.sessionName(UnitName.parse("my-app/12"))).isEqualTo("juju-debug-my-app-12");
    }
}
