package org.juju.agents.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.juju.agents.hook.DebugSession;
import org.juju.agents.hook.HookRunner;
import org.juju.agents.hook.ToolServer;
import org.juju.state.HookRetryPolicy;
import org.juju.state.JujuState;
import org.juju.state.StatusHistory;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.juju.state.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unit agent's automatic hook retries against a real ZooKeeper, with a clock the test moves:
 * a {@code start} hook that fails twice is retried after 5 s, then 10 s, and the unit is started;
 * the status shows the next retry and the history every step; {@code juju resolved} acts at once;
 * a restarted agent keeps the schedule; with the option off nothing is retried.
 */
class UnitRunnerHookRetryTest {
    private static final UnitName UNIT = UnitName.parse("app/0");
    private static final Instant T0 = Instant.parse("2026-11-27T17:00:00Z");
    @TempDir
    Path temp;
    private TestEnvironment environment;
    private JujuState state;
    private ToolServer tools;
    private Path unitDir;
    private Instant now = T0;

    @BeforeEach
    void deployUnitWhoseStartFailsTwice() throws Exception {
        environment = TestEnvironment.start();
        state = environment.state();
        environment.deploy("app", 1);
        unitDir = temp.resolve("units/app-0");
        hook("install", "true\n");
        hook("start", """
                count=$(cat "$CHARM_DIR/start.count" 2>/dev/null || echo 0)
                echo $((count + 1)) > "$CHARM_DIR/start.count"
                [ "$count" -ge 2 ]
                """);
        tools = ToolServer.start(unitDir.resolve("agent.socket"));
    }

    @AfterEach
    void stop() throws Exception {
        tools.close();
        environment.close();
    }

    private void hook(String name, String body) throws IOException {
        hook(unitDir, name, body);
    }

    private static void hook(Path unitDir, String name, String body) throws IOException {
        UnitHooks.write(unitDir, name, body);
    }

    private void setRetry(boolean enabled) {
        Node settings = state.store().read(StatePaths.settings()).orElseThrow();
        state.store().commit(state.store().transaction().update(settings,
                settings.merged(new HookRetryPolicy(enabled, Duration.ofSeconds(5)).toSettings())));
    }

    /** A runner (a fresh agent) on the test's clock, without jitter. */
    private UnitRunner agent() {
        return agent(UNIT, unitDir);
    }

    private UnitRunner agent(UnitName unit, Path dir) {
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new UnitRunner(state, unit, dir, new HookRunner(tools), "127.0.0.1",
                DebugSession.of(unit, dir), clock, () -> 0.5);
    }

    private Map<String, Object> status() {
        return state.units().status(UNIT);
    }

    private String history() {
        return history(UNIT);
    }

    private String history(UnitName unit) {
        StringBuilder text = new StringBuilder();
        for (StatusHistory.Entry entry : state.units().statusHistory(unit).entries()) {
            text.append(Duration.between(T0, entry.time()).toSeconds()).append(' ').append(entry.state()).append(' ')
                    .append(entry.hook()).append(' ').append(entry.message()).append('\n');
        }
        return text.toString();
    }

    @Test
    void aHookThatFailsTwiceIsRetriedWithBackoffUntilTheUnitStarts() {
        setRetry(true);
        UnitRunner runner = agent();

        runner.converge();
        assertThat(status()).containsEntry("agent-state", "start-error").containsEntry("retry-at", "2026-11-27T17:00:05Z")
                .containsEntry("message", "hook start exited with code 1");
        assertThat(runner.nextRetry()).contains(T0.plusSeconds(5));

        now = T0.plusSeconds(4);
        runner.converge();
        assertThat(status()).as("not retried early").containsEntry("agent-state", "start-error");

        now = T0.plusSeconds(5);
        runner.converge();
        assertThat(status()).containsEntry("agent-state", "start-error").containsEntry("retry-at", "2026-11-27T17:00:15Z");

        now = T0.plusSeconds(15);
        runner.converge();
        assertThat(status()).containsEntry("agent-state", "started").doesNotContainKeys("retry-at", "message");
        assertThat(runner.nextRetry()).isEmpty();
        assertThat(history()).isEqualTo("""
                0 installed install null
                0 start-error start hook start exited with code 1; retry 1 at 2026-11-27T17:00:05Z
                5 installed start retry 1
                5 start-error start hook start exited with code 1; retry 2 at 2026-11-27T17:00:15Z
                15 installed start retry 2
                15 started start null
                """);
    }

    @Test
    void resolvedDuringTheWaitActsAtOnceAndForgetsTheRetry() {
        setRetry(true);
        UnitRunner runner = agent();
        runner.converge();
        state.units().resolved(UNIT, Optional.empty(), false);

        now = T0.plusSeconds(1);
        runner.converge();

        assertThat(status()).containsEntry("agent-state", "started").doesNotContainKey("retry-at");
        assertThat(runner.nextRetry()).isEmpty();
        assertThat(history()).endsWith("1 started start resolved\n");
    }

    @Test
    void anAgentRestartedDuringTheWaitKeepsTheSchedule() {
        setRetry(true);
        agent().converge();
        now = T0.plusSeconds(5);
        agent().converge();
        assertThat(status()).containsEntry("retry-at", "2026-11-27T17:00:15Z");

        now = T0.plusSeconds(12);
        UnitRunner restarted = agent();
        assertThat(restarted.nextRetry()).as("the saved due time").contains(T0.plusSeconds(15));
        restarted.converge();
        assertThat(status()).containsEntry("agent-state", "start-error");

        now = T0.plusSeconds(20);
        restarted.converge();
        assertThat(status()).containsEntry("agent-state", "started");
    }

    @Test
    void turningTheOptionOffDropsAWaitingRetry() {
        setRetry(true);
        UnitRunner runner = agent();
        runner.converge();
        setRetry(false);

        runner.converge();

        assertThat(status()).containsEntry("agent-state", "start-error").doesNotContainKey("retry-at");
        assertThat(runner.nextRetry()).isEmpty();
    }

    @Test
    void withTheOptionOffTheUnitStaysInError() {
        UnitRunner runner = agent();
        runner.converge();
        now = T0.plusSeconds(600);
        runner.converge();

        assertThat(status()).containsEntry("agent-state", "start-error").doesNotContainKey("retry-at");
        assertThat(runner.nextRetry()).isEmpty();
        assertThat(history()).isEqualTo("""
                0 installed install null
                0 start-error start hook start exited with code 1
                """);
    }

    @Test
    void aDyingUnitInErrorGoesOnToStopAtItsRetry() {
        setRetry(true);
        state.units().assign(UNIT, state.machines().add("bookworm"));
        UnitRunner runner = agent();
        runner.converge();
        state.units().remove(java.util.List.of(UNIT));

        assertThat(runner.converge()).as("still waiting for the retry").isFalse();
        now = T0.plusSeconds(5);
        assertThat(runner.converge()).as("retried: the dying unit skips start and stops").isTrue();
        assertThat(status()).containsEntry("agent-state", "stopped").doesNotContainKey("retry-at");
    }

    @Test
    void aRelationHookInErrorIsRetriedOnItsOwnSchedule() throws Exception {
        org.juju.state.charm.CharmMetadata metadata = org.juju.state.charm.CharmMetadata.parse(
                "name: peer\nsummary: s\ndescription: d\npeers:\n  p:\n    interface: x\n", "metadata.yaml").value();
        org.juju.state.CharmRecord charm = new org.juju.state.CharmRecord(
                org.juju.state.charm.CharmUrl.parse("local:bookworm/peer-1", null), "sha", 1, "file:///x", metadata,
                org.juju.state.charm.ConfigSchema.EMPTY);
        state.services().deploy(new org.juju.state.Deploy(org.juju.state.model.ServiceName.of("peer"), charm, Map.of(), 2, "test"));
        UnitName peer0 = UnitName.parse("peer/0");
        org.juju.state.model.RelationId relation = state.relations().relationsOf(peer0.service()).keySet().iterator().next();
        state.relations().join(relation, UnitName.parse("peer/1"), Map.of("private-address", "127.0.0.2"));
        Path dir = temp.resolve("units/peer-0");
        hook(dir, "p-relation-joined", """
                count=$(cat "$CHARM_DIR/joined.count" 2>/dev/null || echo 0)
                echo $((count + 1)) > "$CHARM_DIR/joined.count"
                [ "$count" -ge 2 ]
                """);
        setRetry(true);
        UnitRunner runner = agent(peer0, dir);

        runner.converge();
        assertThat(state.units().status(peer0)).containsEntry("agent-state", "started")
                .containsEntry("relation-errors", java.util.List.of(relation.value()))
                .containsEntry("retry-at", "2026-11-27T17:00:05Z");
        now = T0.plusSeconds(5);
        runner.converge();
        assertThat(state.units().status(peer0)).containsEntry("retry-at", "2026-11-27T17:00:15Z");
        now = T0.plusSeconds(15);
        runner.converge();

        assertThat(state.units().status(peer0)).doesNotContainKeys("relation-errors", "retry-at");
        assertThat(history(peer0)).endsWith("""
                0 started p-relation-joined relation %1$d in error: hook p-relation-joined exited with code 1; retry 1 at 2026-11-27T17:00:05Z
                5 started p-relation-joined retry 1
                5 started p-relation-joined relation %1$d in error: hook p-relation-joined exited with code 1; retry 2 at 2026-11-27T17:00:15Z
                15 started p-relation-joined retry 2
                """.formatted(relation.value()));
    }
}
