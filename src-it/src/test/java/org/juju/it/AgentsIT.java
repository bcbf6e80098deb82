package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.juju.it.TreeReads.relationOf;
import static org.juju.it.TreeReads.settings;
import static org.juju.state.testing.Nested.at;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.juju.it.JujuProcess.Result;
import org.juju.state.DebugHooks;
import org.juju.state.charm.CharmUrl;
import org.juju.state.codec.YamlCodec;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Agents end to end on the local provider with process machines: real ZooKeeper, provisioning,
 * machine and unit agents as processes, real hooks of the example charms and of a recording
 * charm, driven through the real {@code bin/juju}.
 */
class AgentsIT {
    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private static final Path RECORDER_REPO = Path.of("src/test/resources/charms").toAbsolutePath();
    @RegisterExtension
    final BootstrappedEnvironment environment = BootstrappedEnvironment.local("");

    private Result ok(String... args) throws Exception {
        return environment.ok(args);
    }

    private String agentState(String unit) {
        return String.valueOf(environment.state().units().status(UnitName.parse(unit)).get("agent-state"));
    }

    private void awaitState(String unit, String expected) {
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(agentState(unit)).as(unit).isEqualTo(expected));
    }

    @Test
    void portablePairDeploysRelatesExchangesDataAndIsRemoved() throws Exception {
        String repo = JujuProcess.ROOT.resolve("charms-examples").toString();
        ok("deploy", "--repository", repo, "local:kvstore");
        ok("deploy", "--repository", repo, "local:webfront");
        awaitState("kvstore/0", "started");
        awaitState("webfront/0", "started");
        String storage = Files.readString(environment.dataDir().resolve("storage.address")).trim();
        String bundleUrl = environment.state().charms().get(CharmUrl.parse("local:bookworm/kvstore-1")).orElseThrow().bundleUrl();
        assertThat(bundleUrl).as("bundles are served by the charm storage daemon").startsWith("http://" + storage + "/");
        assertThat(Files.readString(environment.dataDir().resolve("agents/storage/charm-storage.log")))
                .as("the machine agent fetched it from there")
                .contains("GET " + bundleUrl.substring(("http://" + storage).length()) + " 200 ");
        Map<String, Object> status = (Map<String, Object>) YamlCodec.parse(ok("status", "--format", "json").out(), "status");
        assertThat(at(status, "machines")).as("each unit on its own new machine").containsKeys("0", "1", "2");

        ok("add-relation", "webfront", "kvstore");
        RelationId kv = relationOf(environment.state(), "webfront", "kv");
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(settings(environment.state(), kv, "kvstore/0"))
                    .containsKeys("host", "port").containsEntry("bucket-ready", "web");
            assertThat(settings(environment.state(), kv, "webfront/0"))
                    .containsEntry("bucket", "web").containsKey("private-address");
        });

        ok("set", "webfront", "bucket=photos");
        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(settings(environment.state(), kv, "kvstore/0"))
                        .as("config-changed ran and the change crossed the relation")
                        .containsEntry("bucket-ready", "photos"));

        environment.state().environment().setDebugLog(true); // what `juju debug-log` does first
        ok("add-unit", "kvstore");
        awaitState("kvstore/1", "started");
        assertDebugLogPrintsTheInstallOutputOf("kvstore/1");
        RelationId replicas = relationOf(environment.state(), "kvstore", "replicas");
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(environment.state().store().children(StatePaths.relationMembers(replicas)))
                .as("both units joined the peer relation").containsExactlyInAnyOrder("kvstore-0", "kvstore-1"));

        ok("remove-unit", "webfront/0");
        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(environment.state().units().unitsOf(ServiceName.of("webfront"))).isEmpty());
        Map<String, Object> after = (Map<String, Object>) YamlCodec.parse(ok("status", "--format", "json").out(), "status");
        assertThat(at(after, "machines")).as("remove-unit keeps the machine").containsKeys("0", "1", "2");
    }

    /**
     * The real {@code juju debug-log -r -i unit:U} prints the unit's forwarded hook output: it is
     * asked for as many records as the unit has forwarded so far, so that it ends.
     */
    private void assertDebugLogPrintsTheInstallOutputOf(String unit) throws Exception {
        String context = "unit:" + unit;
        await().atMost(CONVERGE).until(() -> logRecordsOf(context).stream()
                .anyMatch(record -> String.valueOf(record.get("message")).startsWith("install: ")));
        int forwarded = logRecordsOf(context).size();

        Result debugLog = environment.juju().run(Duration.ofSeconds(60), "debug-log", "-r", "-n",
                String.valueOf(forwarded), "-i", context);

        assertThat(debugLog.code()).as(debugLog.toString()).isZero();
        assertThat(debugLog.out().lines()).as(debugLog.toString()).hasSize(forwarded)
                .allMatch(line -> line.matches("\\S+Z " + context + " (DEBUG|INFO|WARNING|ERROR): .*"))
                .anyMatch(line -> line.contains(context + " INFO: install: installed the kvstore server in "));
    }

    private List<Map<String, Object>> logRecordsOf(String context) {
        var store = environment.state().store();
        return store.children(StatePaths.logs()).stream()
                .flatMap(name -> store.read(StatePaths.logs() + "/" + name).stream())
                .map(node -> node.data()).filter(data -> context.equals(data.get("context"))).toList();
    }

    @Test
    void hooksRunInOrderOneAtATimeAndErrorsAreResolvable() throws Exception {
        ok("deploy", "--repository", RECORDER_REPO.toString(), "local:recorder");
        ok("deploy", "--repository", RECORDER_REPO.toString(), "local:recorder", "other");
        awaitState("recorder/0", "started");
        awaitState("other/0", "started");
        ok("add-relation", "recorder:rec", "other:other");
        RelationId rel = relationOf(environment.state(), "recorder", "rec");
        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(settings(environment.state(), rel, "recorder/0")).containsEntry("seen-other-0", "x"));

        ok("set", "recorder", "fail-hook=config-changed");
        awaitState("recorder/0", "configure-error");
        ok("set", "recorder", "fail-hook=", "marker=y");
        ok("resolved", "--retry", "recorder/0");
        awaitState("recorder/0", "started");

        ok("remove-relation", "recorder", "other");
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(hookLog("recorder/0")).anyMatch(l -> l.contains("rec-relation-broken")));

        List<String> log = hookLog("recorder/0");
        List<String> hooks = log.stream().map(line -> line.split(" ")[1]).toList();
        assertThat(log).as("never two hooks at once").noneMatch(line -> line.contains("OVERLAP"));
        assertThat(hooks.subList(0, 3)).containsExactly("install", "config-changed", "start");
        assertThat(hooks).containsSubsequence("rec-relation-joined", "rec-relation-changed", "rec-relation-departed",
                "rec-relation-broken");
        assertThat(hooks.indexOf("rec-relation-joined")).as("relation hooks only after start")
                .isGreaterThan(hooks.indexOf("start"));
        assertThat(hooks.get(hooks.indexOf("rec-relation-joined") + 1)).as("changed right after joined")
                .isEqualTo("rec-relation-changed");
    }

    @Test
    void aRelationHookErrorBlocksOnlyThatRelationAndIsResolvedForIt() throws Exception {
        Path config = environment.home().resolve("fail.yaml");
        Files.writeString(config, "recorder:\n  fail-hook: rec-relation-changed\n");
        ok("deploy", "--repository", RECORDER_REPO.toString(), "--config", config.toString(), "local:recorder");
        ok("deploy", "--repository", RECORDER_REPO.toString(), "local:recorder", "other");
        awaitState("recorder/0", "started");
        awaitState("other/0", "started");

        ok("add-relation", "recorder:rec", "other:other");
        RelationId rel = relationOf(environment.state(), "recorder", "rec");
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(environment.state().units().status(UnitName.parse("recorder/0")))
                .containsEntry("relation-errors", List.of(rel.value())));
        assertThat(agentState("recorder/0")).as("the unit itself is not in error").isEqualTo("started");

        ok("set", "recorder", "fail-hook=", "marker=fixed");
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(hookLog("recorder/0").stream()
                .map(line -> line.split(" ")[1]).toList()).as("the unit's other hooks still run")
                .containsSubsequence("rec-relation-changed", "config-changed"));

        ok("resolved", "--retry", "recorder/0", "rec");

        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(settings(environment.state(), rel, "recorder/0"))
                    .as("-changed re-run").containsEntry("seen-other-0", "fixed");
            assertThat(environment.state().units().status(UnitName.parse("recorder/0"))).doesNotContainKey("relation-errors");
        });
        assertThat(hookLog("recorder/0").stream().map(line -> line.split(" ")[1]).filter(h -> h.equals("rec-relation-changed")))
                .as("run once, failed, then retried").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aUnitAgentKilledDuringAHookReportsItFailedEndsTheLeftoverHookAndResumesOnRetry() throws Exception {
        Path config = environment.home().resolve("slow.yaml");
        Files.writeString(config, "recorder:\n  hook-sleep: 600\n");
        ok("deploy", "--repository", RECORDER_REPO.toString(), "--config", config.toString(), "local:recorder");
        // The unit's directory is known once the provisioning agent assigned it to a machine.
        await().atMost(CONVERGE).until(() -> environment.state().units().machine(UnitName.parse("recorder/0")).isPresent()
                && Files.exists(unitDir("recorder/0").resolve("hook-pid"))
                && hookLog("recorder/0").stream().anyMatch(line -> line.contains(" install ")));
        Path hookPid = unitDir("recorder/0").resolve("hook-pid");
        ProcessHandle hook = ProcessHandle.of(Long.parseLong(Files.readString(hookPid).trim())).orElseThrow();

        ProcessHandle agent = ProcessHandle.of(Long.parseLong(
                Files.readString(unitDir("recorder/0").resolve("agent.pid")).trim())).orElseThrow();
        assertThat(agent.info().commandLine().orElseThrow()).contains("org.juju.agents.AgentMain");
        agent.destroyForcibly();

        awaitState("recorder/0", "install-error");
        assertThat(hook.isAlive()).as("the restarted agent ended the install its predecessor left running").isFalse();
        assertThat(unitDir("recorder/0").resolve("running.lock")).as("the hook released its lock").doesNotExist();
        ok("set", "recorder", "hook-sleep=0");
        ok("resolved", "--retry", "recorder/0");
        awaitState("recorder/0", "started");

        List<String> hooks = hookLog("recorder/0").stream().map(line -> line.split(" ")[1]).toList();
        assertThat(hooks).containsExactly("install", "install", "config-changed", "start");
    }

    @Test
    void upgradeCharmInstallsTheNewRevisionThenRunsUpgradeAndConfigChanged() throws Exception {
        Path repo = environment.home().resolve("repo");
        copyTree(RECORDER_REPO.resolve("bookworm/recorder"), repo.resolve("bookworm/recorder"));
        ok("deploy", "--repository", repo.toString(), "local:recorder");
        awaitState("recorder/0", "started");
        Files.writeString(repo.resolve("bookworm/recorder/revision"), "2\n");

        ok("upgrade-charm", "--repository", repo.toString(), "recorder");

        await().atMost(CONVERGE).untilAsserted(() -> assertThat(hookLog("recorder/0").stream()
                .map(line -> line.split(" ")[1]).toList()).containsSubsequence("start", "upgrade-charm", "config-changed"));
        assertThat(Files.readString(unitDir("recorder/0").resolve("charm.url")).trim()).isEqualTo("local:bookworm/recorder-2");
        assertThat(Files.readString(unitDir("recorder/0").resolve("charm/revision")).trim()).isEqualTo("2");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isSymbolicLink(source)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(source));
                } else if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Test
    void debugHooksHandsTheNamedHookToAShellOnTheUnitsMachineThenHooksRunAsUsualAgain() throws Exception {
        ok("deploy", "--repository", RECORDER_REPO.toString(), "local:recorder");
        awaitState("recorder/0", "started");
        UnitName unit = UnitName.parse("recorder/0");
        Path transcript = Files.createTempFile("debug-hooks", ".txt");
        Process client = environment.juju().startOnTerminal(transcript, "debug-hooks", "recorder/0", "config-changed");
        try {
            await().atMost(CONVERGE).until(() -> environment.state().store().exists(StatePaths.unitDebugHooks(unit)));
            ok("set", "recorder", "marker=debugged");
            Path socket = unitDir("recorder/0").resolve(DebugHooks.TMUX_SOCKET);
            String session = DebugHooks.sessionName(unit);
            await().atMost(CONVERGE).until(() -> tmux(socket, "list-windows", "-t", "=" + session, "-F", "#{window_name}")
                    .lines().anyMatch("config-changed"::equals));
            assertThat(agentState("recorder/0")).as("the hook waits in its window").isEqualTo("started");
            assertThat(hookLog("recorder/0").stream().filter(l -> l.contains(" config-changed "))).hasSize(1);

            // As a user would: run the hook by hand in the hook's environment, then leave the shell.
            tmux(socket, "send-keys", "-t", "=" + session + ":config-changed", "-l",
                    "hooks/config-changed && echo \"$JUJU_HOOK_NAME $(config-get marker)\" > ../debugged.txt; exit $?");
            tmux(socket, "send-keys", "-t", "=" + session + ":config-changed", "Enter");
            Path debugged = unitDir("recorder/0").resolve("debugged.txt");
            await().atMost(CONVERGE).untilAsserted(() -> assertThat(debugged).hasContent("config-changed debugged"));
            await().atMost(CONVERGE).untilAsserted(() -> assertThat(hookLog("recorder/0").stream()
                    .filter(l -> l.contains(" config-changed "))).as("the hook ran once, by hand").hasSize(2));

            tmux(socket, "detach-client", "-s", "=" + session);
            assertThat(client.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("debug-hooks ends with its tmux client").isTrue();
            assertThat(client.exitValue()).as(Files.readString(transcript)).isZero();
            assertThat(Files.readString(transcript)).contains("Stopped debugging the hooks of recorder/0");
            assertThat(environment.state().store().exists(StatePaths.unitDebugHooks(unit))).isFalse();
        } finally {
            client.destroyForcibly();
        }
        ok("set", "recorder", "marker=after");
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(hookLog("recorder/0").stream()
                .filter(l -> l.contains(" config-changed "))).as("run by the agent again").hasSize(3));
        assertThat(agentState("recorder/0")).isEqualTo("started");
    }

    /** Runs tmux on the server of {@code socket}; returns its output, failing on a non-zero exit. */
    private static String tmux(Path socket, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + output);
        }
        return output;
    }

    private Path unitDir(String unit) {
        UnitName name = UnitName.parse(unit);
        int machine = environment.state().units().machine(name).orElseThrow().value();
        return environment.dataDir().resolve("machines/" + machine + "/units/" + name.key());
    }

    private List<String> hookLog(String unit) throws Exception {
        Path log = unitDir(unit).resolve("hook-log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }
}
