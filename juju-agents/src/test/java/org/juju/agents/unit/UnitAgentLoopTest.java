package org.juju.agents.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.Test;

/**
 * How long the unit agent's loop waits for a watch before it makes a round anyway, and which
 * changes in what it watches are its own writes (they wake no round).
 */
class UnitAgentLoopTest {
    private static final Instant NOW = Instant.parse("2026-11-27T23:00:00Z");

    @Test
    void afterASuccessfulRoundItWaitsTheResyncPeriod() {
        assertThat(UnitAgentLoop.waitMillis(Optional.empty(), null, NOW)).isEqualTo(30_000);
    }

    @Test
    void afterAFailedRoundItWaitsTheFailuresBackoffCappedAtFiveSeconds() {
        assertThat(UnitAgentLoop.waitMillis(Optional.empty(), Duration.ofMillis(250), NOW)).isEqualTo(250);
        assertThat(UnitAgentLoop.waitMillis(Optional.empty(), Duration.ofSeconds(8), NOW)).isEqualTo(5000);
    }

    @Test
    void anAutomaticRetryDueSoonerShortensEitherWait() {
        Optional<Instant> retry = Optional.of(NOW.plusMillis(100));

        assertThat(UnitAgentLoop.waitMillis(retry, null, NOW)).isEqualTo(101);
        assertThat(UnitAgentLoop.waitMillis(retry, Duration.ofMillis(250), NOW)).isEqualTo(101);
        assertThat(UnitAgentLoop.waitMillis(Optional.of(NOW.minusSeconds(1)), null, NOW)).isZero();
    }

    @Test
    void onlyTheUnitsOwnReportsAndSettingsAreItsOwnWrites() {
        UnitName unit = UnitName.parse("app/3");
        UnitName other = UnitName.parse("app/30");
        RelationId relation = new RelationId(4);

        assertThat(java.util.List.of(StatePaths.unitStatus(unit), StatePaths.unitStatusHistory(unit),
                StatePaths.unitPorts(unit), StatePaths.relationUnitSettings(relation, unit)))
                .allMatch(path -> UnitAgentLoop.isOwnWrite(unit, path));
        assertThat(java.util.List.of(StatePaths.unit(unit), StatePaths.unitResolved(unit),
                StatePaths.unitRelationResolved(unit, relation), StatePaths.unitStatus(other),
                StatePaths.relationUnitSettings(relation, other), StatePaths.relationMember(relation, unit),
                StatePaths.relation(relation)))
                .noneMatch(path -> UnitAgentLoop.isOwnWrite(unit, path));
    }
}
