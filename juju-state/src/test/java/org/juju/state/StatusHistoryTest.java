package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Transaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A unit's status history: appended with status writes, in the same transaction, and bounded. */
class StatusHistoryTest extends StateTestBase {
    private static final UnitName UNIT = UnitName.parse("mysql/0");
    private static final Instant T0 = Instant.parse("2026-11-27T17:00:00Z");

    @BeforeEach
    void deploy() {
        state.services().deploy(new Deploy(ServiceName.of("mysql"), TestCharms.mysql(), Map.of(), 1, "t"));
    }

    @Test
    void aNewUnitHasAnEmptyHistory() {
        assertThat(state.units().statusHistory(UNIT).entries()).isEmpty();
        assertThat(state.store().exists(StatePaths.unitStatusHistory(UNIT))).isTrue();
    }

    @Test
    void transitionsAreRecordedAndWritesThatKeepTheStateAreNot() {
        state.units().updateStatus(UNIT, Map.of("agent-state", "installed"), StatusEvent.transition(T0, "install"));
        state.units().updateStatus(UNIT, Map.of("agent-state", "installed"), StatusEvent.transition(T0.plusSeconds(1), "config-changed"));
        state.units().updateStatus(UNIT, Map.of("agent-state", "start-error", "message", "start hook failed: exit code 1"),
                StatusEvent.transition(T0.plusSeconds(2), "start"));
        state.units().updateStatus(UNIT, Map.of("agent-state", "start-error"),
                StatusEvent.note(T0.plusSeconds(3), "start", "retry 1 at 17:00:08Z"));
        state.units().updateStatus(UNIT, Map.of("agent-state", "started"));

        List<StatusHistory.Entry> entries = state.units().statusHistory(UNIT).entries();
        assertThat(entries).extracting(StatusHistory.Entry::state)
                .containsExactly("installed", "start-error", "start-error", "started");
        assertThat(entries.get(0)).isEqualTo(new StatusHistory.Entry(T0, "installed", "install", null));
        assertThat(entries.get(1).message()).as("the status's own message when the event has none")
                .isEqualTo("start hook failed: exit code 1");
        assertThat(entries.get(2).message()).isEqualTo("retry 1 at 17:00:08Z");
    }

    @Test
    void theMachineAgentsReportIsRecordedToo() {
        state.units().reportStatus(UNIT, Map.of("agent-state", "install-error", "message", "cannot fetch the charm"));

        assertThat(state.units().statusHistory(UNIT).entries()).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("cannot fetch the charm"))
                .satisfies(e -> assertThat(e.state()).isEqualTo("install-error"));
    }

    @Test
    void keepsTheLastFiftyEntriesWithCutMessagesUnder25Kilobytes() {
        String longText = "x".repeat(5000);
        for (int i = 0; i < 60; i++) {
            state.units().updateStatus(UNIT, Map.of("agent-state", i % 2 == 0 ? "start-error" : "installed"),
                    StatusEvent.note(T0.plusSeconds(i), longText, i + " " + longText));
        }

        StatusHistory history = state.units().statusHistory(UNIT);
        assertThat(history.entries()).hasSize(StatusHistory.MAX_ENTRIES);
        assertThat(history.entries().get(0).message()).startsWith("10 ").hasSize(StatusHistory.MAX_MESSAGE).endsWith("…");
        assertThat(history.entries().get(0).hook()).hasSize(StatusHistory.MAX_HOOK);
        assertThat(history.last(2)).extracting(StatusHistory.Entry::time)
                .containsExactly(T0.plusSeconds(58), T0.plusSeconds(59));
        int bytes = YamlCodec.dumpBytes(state.store().read(StatePaths.unitStatusHistory(UNIT)).orElseThrow().data()).length;
        assertThat(bytes).as("node size").isLessThan(25 * 1024);
    }

    @Test
    void aUnitWithoutHistoryNodeGetsOneAtItsFirstTransition() {
        Transaction tx = state.store().transaction().delete(StatePaths.unitStatusHistory(UNIT));
        state.store().commit(tx);

        state.units().updateStatus(UNIT, Map.of("agent-state", "installed"), StatusEvent.transition(T0, "install"));

        assertThat(state.units().statusHistory(UNIT).entries()).extracting(StatusHistory.Entry::hook).containsExactly("install");
    }

    @Test
    void theHistoryOfAMissingUnitIsNotFound() {
        assertThatThrownBy(() -> state.units().statusHistory(UnitName.parse("mysql/9")))
                .isInstanceOf(NotFoundException.class).hasMessage("unit mysql/9 not found");
    }

    @Test
    void theHookRetryPolicyIsReadFromTheSettingsWithDefaultsForAnOlderTree() {
        assertThat(state.environment().hookRetry()).isEqualTo(HookRetryPolicy.DEFAULT);
        assertThat(HookRetryPolicy.fromSettings(Map.of("hook-retry", true, "hook-retry-delay", 2)))
                .isEqualTo(new HookRetryPolicy(true, Duration.ofSeconds(2)));
        assertThat(HookRetryPolicy.fromSettings(Map.of("hook-retry", "yes", "hook-retry-delay", -1)))
                .as("unusable values take their defaults").isEqualTo(HookRetryPolicy.DEFAULT);
        assertThat(HookRetryPolicy.fromSettings(new HookRetryPolicy(true, Duration.ofSeconds(7)).toSettings()))
                .isEqualTo(new HookRetryPolicy(true, Duration.ofSeconds(7)));
        assertThat(Optional.of(state.store().read(StatePaths.settings()).orElseThrow().data()))
                .hasValueSatisfying(data -> assertThat(data).containsEntry("hook-retry", false).containsEntry("hook-retry-delay", 5));
    }
}
