package org.juju.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juju.state.testing.Nested.at;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.CreateMode;
import org.juju.client.CliHarness.Result;
import org.juju.state.StatusEvent;
import org.juju.state.codec.YamlCodec;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code juju status-history}: a unit's transitions as its agent recorded them, in each format,
 * and the retry time {@code juju status} shows for a unit waiting to retry a hook.
 */
class StatusHistoryCommandTest extends ClientTestBase {
    private static final UnitName MYSQL0 = UnitName.parse("mysql/0");
    private static final Instant T0 = Instant.parse("2026-11-27T17:00:00Z");

    @BeforeEach
    void deploy() {
        assertThat(juju.run("deploy", "local:mysql").code()).isZero();
    }

    private Result ok(String... args) {
        Result result = juju.run(args);
        assertThat(result.code()).as(result.toString()).isZero();
        return result;
    }

    /** What a unit agent writes when start fails, is retried after 5 s, and succeeds. */
    private void failRetryAndStart() {
        state.units().updateStatus(MYSQL0, Map.of("agent-state", "installed"), StatusEvent.transition(T0, "install"));
        Map<String, Object> error = new java.util.HashMap<>(Map.of("agent-state", "start-error",
                "message", "hook start exited with code 1", "retry-at", "2026-11-27T17:00:06Z"));
        state.units().updateStatus(MYSQL0, error, StatusEvent.note(T0.plusSeconds(1), "start",
                "hook start exited with code 1; retry 1 at 2026-11-27T17:00:06Z"));
    }

    private void retriedAndStarted() {
        java.util.HashMap<String, Object> cleared = new java.util.HashMap<>();
        cleared.put("agent-state", "installed");
        cleared.put("message", null);
        cleared.put("retry-at", null);
        state.units().updateStatus(MYSQL0, cleared, StatusEvent.note(T0.plusSeconds(6), "start", "retry 1"));
        state.units().updateStatus(MYSQL0, Map.of("agent-state", "started"), StatusEvent.transition(T0.plusSeconds(7).plusNanos(123_456_789), "start"));
    }

    @Test
    void showsTheTransitionsOldestFirstAsATable() {
        failRetryAndStart();
        retriedAndStarted();

        assertThat(ok("status-history", "mysql/0").out()).isEqualTo("""
                TIME                      STATE        HOOK     MESSAGE
                2026-11-27T17:00:00Z      installed    install
                2026-11-27T17:00:01Z      start-error  start    hook start exited with code 1; retry 1 at 2026-11-27T17:00:06Z
                2026-11-27T17:00:06Z      installed    start    retry 1
                2026-11-27T17:00:07.123Z  started      start
                """);
        assertThat(ok("status-history", "-n", "1", "mysql/0").out()).as("the last N, to the millisecond")
                .isEqualTo("TIME                      STATE    HOOK   MESSAGE\n2026-11-27T17:00:07.123Z  started  start\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void yamlAndJsonGiveTheSameDocument() {
        failRetryAndStart();

        Object yaml = YamlCodec.parse(ok("status-history", "--format", "yaml", "mysql/0").out(), "yaml");
        Object json = YamlCodec.parse(ok("status-history", "--format", "json", "mysql/0").out(), "json");

        assertThat(yaml).isEqualTo(json);
        Map<String, Object> document = (Map<String, Object>) yaml;
        assertThat(document).containsEntry("unit", "mysql/0");
        assertThat((List<Object>) document.get("history")).containsExactly(
                Map.of("time", "2026-11-27T17:00:00Z", "state", "installed", "hook", "install"),
                Map.of("time", "2026-11-27T17:00:01Z", "state", "start-error", "hook", "start",
                        "message", "hook start exited with code 1; retry 1 at 2026-11-27T17:00:06Z"));
    }

    @Test
    void aUnitWithNoTransitionsYetSaysSo() {
        assertThat(ok("status-history", "mysql/0").out()).isEqualTo("No status history for mysql/0 yet.\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusShowsTheNextRetryOfAUnitInError() throws Exception {
        failRetryAndStart();
        client.create().withMode(CreateMode.EPHEMERAL).forPath(StatePaths.unitPresence(MYSQL0));

        Map<String, Object> status = (Map<String, Object>) YamlCodec.parse(ok("status", "--format", "json").out(), "status");
        assertThat(at(status, "services", "mysql", "units", "mysql/0")).containsEntry("agent-state", "start-error")
                .containsEntry("agent-state-info", "hook start exited with code 1")
                .containsEntry("retry-at", "2026-11-27T17:00:06Z");
        assertThat(ok("status", "--format", "tabular").out())
                .contains("mysql/0  start-error (retry at 2026-11-27T17:00:06Z)");

        retriedAndStarted();
        assertThat(at((Map<String, Object>) YamlCodec.parse(ok("status", "--format", "json").out(), "status"),
                "services", "mysql", "units", "mysql/0")).doesNotContainKeys("retry-at", "agent-state-info");
    }

    @Test
    void refusesAMissingUnitABadNameAndABadCount() {
        assertRefused(juju.run("status-history", "mysql/9"), 3, "unit mysql/9 not found");
        assertRefused(juju.run("status-history", "mysql-0"), 2, "invalid unit name 'mysql-0'");
        assertRefused(juju.run("status-history", "-n", "0", "mysql/0"), 2, "-n must be at least 1, got 0");
    }
}
