package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.juju.state.testing.Nested.at;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.juju.state.HookRetryPolicy;
import org.juju.state.codec.YamlCodec;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Automatic hook retry with real processes: an environment bootstrapped with {@code hook-retry:
 * true} and a 2 s first delay, whose recorder unit's {@code start} hook fails twice. The unit agent
 * retries it by itself (after about 2 s, then 4 s) and the unit is started; while it waits,
 * {@code juju status} shows the next retry; {@code juju status-history} shows error, retry, error,
 * retry, started. With the option then turned off in the tree, a second unit whose
 * {@code config-changed} fails once stays in error (it would succeed if retried).
 */
class HookRetryIT {
    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final Path RECORDER_REPO = Path.of("src/test/resources/charms").toAbsolutePath();
    @RegisterExtension
    final BootstrappedEnvironment environment = BootstrappedEnvironment.local(
            "    hook-retry: true\n    hook-retry-delay: 2\n    spare-machines: 0\n");

    private Map<Object, Object> unitStatus(String unit) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) YamlCodec.parse(environment.ok("status", "--format", "json").out(), "status");
        return at(status, "services", UnitName.parse(unit).service().value(), "units", unit);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history(String unit) throws Exception {
        Map<String, Object> document = (Map<String, Object>) YamlCodec.parse(
                environment.ok("status-history", "--format", "json", "-n", "50", unit).out(), "history");
        return (List<Map<String, Object>>) document.get("history");
    }

    private void deploy(String service, String failHook, int failTimes) throws Exception {
        Path config = environment.home().resolve(service + ".yaml");
        Files.writeString(config, service + ":\n  fail-hook: '" + failHook + "'\n  fail-times: " + failTimes + "\n");
        environment.ok("deploy", "--repository", RECORDER_REPO.toString(), "--config", config.toString(),
                "local:recorder", service);
    }

    @Test
    void aStartHookThatFailsTwiceIsRetriedWithBackoffUntilTheUnitStartsAndOffMeansNoRetry() throws Exception {
        deploy("flaky", "start", 2);
        deploy("steady", "", 0);

        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(unitStatus("flaky/0"))
                .as("juju status while a retry waits").containsEntry("agent-state", "start-error").containsKey("retry-at")
                .containsEntry("agent-state-info", "hook start exited with code 1"));
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(unitStatus("flaky/0"))
                .containsEntry("agent-state", "started").doesNotContainKeys("retry-at", "agent-state-info"));

        List<Map<String, Object>> history = history("flaky/0");
        List<String> lines = history.stream().map(e -> e.get("state") + " " + e.get("hook") + " "
                + String.valueOf(e.getOrDefault("message", "")).replaceAll(" at \\S+$", " at T")).toList();
        assertThat(lines).as("status-history").containsSubsequence(
                "start-error start hook start exited with code 1; retry 1 at T", "installed start retry 1",
                "start-error start hook start exited with code 1; retry 2 at T", "installed start retry 2",
                "started start ");
        assertThat(lines).filteredOn(line -> line.startsWith("start-error")).hasSize(2);
        Instant failed = Instant.parse((String) history.stream().filter(e -> "start-error".equals(e.get("state")))
                .findFirst().orElseThrow().get("time"));
        Instant started = Instant.parse((String) history.get(history.size() - 1).get("time"));
        System.out.println("hook-retry: first start failure to started after two retries (delay 2 s): "
                + Duration.between(failed, started).toMillis() + " ms");

        // The option off (as in an environment bootstrapped without it): agents read it every round.
        Node settings = environment.state().store().read(StatePaths.settings()).orElseThrow();
        environment.state().store().commit(environment.state().store().transaction().update(settings,
                settings.merged(Map.of(HookRetryPolicy.ENABLED_KEY, false))));
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(unitStatus("steady/0")).containsEntry("agent-state", "started"));
        environment.ok("set", "steady", "fail-hook=config-changed", "fail-times=1");
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(unitStatus("steady/0")).containsEntry("agent-state", "configure-error").doesNotContainKey("retry-at"));
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(500)).until(() ->
                "configure-error".equals(environment.state().units().status(UnitName.parse("steady/0")).get("agent-state")));
        assertThat(history("steady/0")).extracting(e -> e.get("state")).as("no retry")
                .containsExactly("installed", "started", "configure-error");
    }
}
