package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.juju.it.AgentProcessFaults.agentIn;
import static org.juju.it.AgentProcessFaults.expireSession;
import static org.juju.it.AgentProcessFaults.kill;
import static org.juju.it.AgentProcessFaults.processesWith;
import static org.juju.it.AgentProcessFaults.sessionOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Agents of a local environment with process machines under faults injected into their real
 * processes: a machine agent SIGKILLed while it deploys a unit, and agents whose ZooKeeper session
 * is expired under them. Each test prints how long the environment took to converge after the
 * fault ({@code fault-recovery ...} lines, for the reliability notes).
 */
class AgentFaultsIT {
    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private static final Path RECORDER_REPO = Path.of("src/test/resources/charms").toAbsolutePath();
    private static final UnitName RECORDER = UnitName.parse("recorder/0");
    @RegisterExtension
    final BootstrappedEnvironment environment = BootstrappedEnvironment.local("");

    @Test
    void aMachineAgentKilledWhileDeployingAUnitIsRestartedAndDeploysItOnce() throws Exception {
        environment.ok("deploy", "--repository", RECORDER_REPO.toString(), "local:recorder");
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(20)).until(() ->
                environment.state().units().machine(RECORDER).flatMap(m -> agentIn(machineDir(m))).isPresent());
        MachineId machine = environment.state().units().machine(RECORDER).orElseThrow();
        ProcessHandle machineAgent = agentIn(machineDir(machine)).orElseThrow();
        boolean unitAgentUp = agentIn(unitDir()).isPresent();

        long killed = System.nanoTime();
        kill(machineAgent);
        awaitState("started");
        report("machine agent SIGKILL during deploy (unit agent up at kill: " + unitAgentUp + ")", killed);

        ProcessHandle newMachineAgent = agentIn(machineDir(machine)).orElseThrow();
        assertThat(newMachineAgent.pid()).as("the supervisor restarted the machine agent").isNotEqualTo(machineAgent.pid());
        ProcessHandle unitAgent = agentIn(unitDir()).orElseThrow();
        assertThat(processesWith("AgentMain", "unit --name " + RECORDER + " ")).as("no second unit agent of recorder/0")
                .allMatch(p -> p.pid() == unitAgent.pid());
        assertThat(hooks()).as("deployed and installed once").containsExactly("install", "config-changed", "start");
        try (var units = Files.list(machineDir(machine).resolve("units"))) {
            assertThat(units.map(p -> p.getFileName().toString()).toList()).containsExactly(RECORDER.key());
        }
        environment.ok("set", "recorder", "marker=after-crash");
        await().atMost(CONVERGE).until(() -> hooks().size() == 4);
        assertThat(hooks()).as("the one unit agent goes on handling changes").endsWith("config-changed");

        // Killed again while its unit agent runs a hook: the restarted machine agent replaces that
        // unit agent (SIGTERM), which finishes the hook within its stop grace first.
        environment.ok("set", "recorder", "hook-sleep=4");
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(50)).until(() -> hooks().size() == 5 && runningHook().isPresent());
        long killedDuringHook = System.nanoTime();
        kill(agentIn(machineDir(machine)).orElseThrow());
        await().atMost(CONVERGE).until(() -> agentIn(unitDir()).filter(p -> p.pid() != unitAgent.pid()).isPresent()
                && !Files.exists(unitDir().resolve("running.lock")));
        report("machine agent SIGKILL during a 4 s hook -> unit agent replaced", killedDuringHook);
        assertThat(String.valueOf(environment.state().units().status(RECORDER).get("agent-state")))
                .as("the hook was not cut short").isEqualTo("started");
        assertThat(hooks()).as("and not run again").hasSize(5);
        assertThat(processesWith("AgentMain", "unit --name " + RECORDER + " "))
                .allMatch(p -> p.pid() == agentIn(unitDir()).orElseThrow().pid());
    }

    @Test
    void agentsWhoseSessionsExpireComeBackRunNoCompletedHookAgainAndHandleTheNextChange() throws Exception {
        environment.ok("deploy", "--repository", RECORDER_REPO.toString(), "local:recorder");
        awaitState("started");
        MachineId machine = environment.state().units().machine(RECORDER).orElseThrow();
        List<String> before = hooks();
        long unitSession = sessionOf(unitDir()).orElseThrow();
        long machineSession = sessionOf(machineDir(machine)).orElseThrow();

        long expired = System.nanoTime();
        expireSession(unitDir(), environment.address());
        expireSession(machineDir(machine), environment.address());
        expireSession(environment.dataDir().resolve("agents/provisioning"), environment.address());
        // A change made right after the expiry: the agent must still see it (level-triggered).
        environment.ok("set", "recorder", "marker=after-expiry");
        environment.ok("add-unit", "recorder");

        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(exists(StatePaths.unitPresence(RECORDER))).as("the unit agent's presence is back").isTrue();
            assertThat(exists(StatePaths.machinePresence(machine))).as("the machine agent's presence is back").isTrue();
            assertThat(sessionOf(unitDir())).as("the unit agent recorded its new session").isNotEqualTo(Optional.of(unitSession));
            assertThat(sessionOf(machineDir(machine))).isNotEqualTo(Optional.of(machineSession));
            assertThat(hooks()).as("config-changed ran for the change made after the expiry").hasSize(before.size() + 1);
        });
        report("unit, machine and provisioning session expiry -> change handled", expired);
        awaitState(UnitName.parse("recorder/1"), "started");
        report("unit, machine and provisioning session expiry -> next unit started", expired);

        assertThat(hooks()).as("no completed hook ran again").startsWith(before.toArray(String[]::new)).endsWith("config-changed");
        assertThat(agentIn(unitDir())).as("the agent process itself lived on").isPresent();

        whileZooKeeperIsFrozenAQueuedHookWaitsAndRunsOnceItIsBack();
    }

    /**
     * A change is queued behind a running hook, then the environment's ZooKeeper is frozen
     * (SIGSTOP) until the unit agent has seen its connection suspended: no hook starts meanwhile;
     * once ZooKeeper runs again (SIGCONT) the queued hook runs, once.
     */
    private void whileZooKeeperIsFrozenAQueuedHookWaitsAndRunsOnceItIsBack() throws Exception {
        long configChanged = configChanged();
        // Long enough for the second change and the freeze to come while the first hook still runs.
        environment.ok("set", "recorder", "hook-sleep=8");
        await().atMost(CONVERGE).until(() -> configChanged() == configChanged + 1 && runningHook().isEmpty());
        environment.ok("set", "recorder", "marker=first");
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(50))
                .until(() -> configChanged() == configChanged + 2 && runningHook().isPresent());
        environment.ok("set", "recorder", "marker=second");
        long zooKeeper = Long.parseLong(Files.readString(environment.dataDir().resolve("zookeeper.pid")).trim());
        Path unit = unitDir(); // the test's own client is frozen out too
        Path agentLog = unit.resolve("agent.log");
        long suspensionsBefore = suspensions(agentLog);
        int hooksAtFreeze = hooks().size();
        long firstHook = AgentProcessFaults.pidIn(unit.resolve("hook-pid")).orElseThrow();
        signal("STOP", zooKeeper);
        long thawed;
        try {
            assertThat(ProcessHandle.of(firstHook).filter(ProcessHandle::isAlive)).as("frozen while the first hook runs")
                    .isPresent();
            await().atMost(Duration.ofSeconds(40)).until(() -> suspensions(agentLog) > suspensionsBefore);
            assertThat(hooksIn(unit)).as("no hook started while ZooKeeper was unreachable").hasSize(hooksAtFreeze);
        } finally {
            signal("CONT", zooKeeper);
            thawed = System.nanoTime();
        }
        await().atMost(CONVERGE).until(() -> configChanged() == configChanged + 3 && runningHook().isEmpty());
        report("ZooKeeper frozen until the unit agent was suspended -> queued hook run", thawed);
        awaitState("started");
        assertThat(configChanged()).as("the queued change ran once").isEqualTo(configChanged + 3);
    }

    private long configChanged() throws Exception {
        return hooks().stream().filter("config-changed"::equals).count();
    }

    private static long suspensions(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(line -> line.contains("suspended; pausing")).count() : 0;
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
    }

    @Test
    void aUnitAgentKilledRepeatedlyDuringRelationHooksEndsWithTheSettingsOfAnUndisturbedRun() throws Exception {
        environment.ok("deploy", "--repository", RECORDER_REPO.toString(), "local:recorder");
        environment.ok("deploy", "--repository", RECORDER_REPO.toString(), "local:recorder", "other");
        awaitState("started");
        awaitState(UnitName.parse("other/0"), "started");
        // Long enough for the second change and the freeze to come while the first hook still runs.
        environment.ok("set", "recorder", "hook-sleep=8");
        await().atMost(CONVERGE).until(() -> hooks().size() == 4 && !Files.exists(unitDir().resolve("running.lock")));
        // Counted before add-relation: the relation is open to the unit at once, so its -joined may
        // start before the statement after add-relation runs.
        int beforeRelation = hooks().size();
        environment.ok("add-relation", "recorder:rec", "other:other");
        RelationId relation = TreeReads.relationOf(environment.state(), "recorder", "rec");

        Map<String, Integer> kills = new HashMap<>();
        long firstKill = 0;
        // The hook process killed with the agent last time: a restarted agent may start the next
        // relation hook (a retry after resolved) before this loop looks, so each round waits for a
        // relation hook run by another process, not for more lines in the hook log.
        long killedHook = -1;
        for (int round = 0; round < 3; round++) {
            long previous = killedHook;
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(50)).until(() -> hooks().size() > beforeRelation
                    && hooks().get(hooks().size() - 1).startsWith("rec-relation-")
                    && runningHook().filter(hook -> hook.pid() != previous).isPresent());
            String hook = hooks().get(hooks().size() - 1);
            killedHook = runningHook().orElseThrow().pid();
            ProcessHandle agent = agentIn(unitDir()).orElseThrow();
            if (firstKill == 0) {
                firstKill = System.nanoTime();
            }
            kill(agent);
            kills.merge(hook, 1, Integer::sum);
            long killed = killedHook;
            // The restarted agent reports the interrupted hook failed, or an automatic retry runs it again.
            await().atMost(CONVERGE).until(() -> relationErrors().contains(relation.value())
                    || runningHook().filter(running -> running.pid() != killed).isPresent());
            assertThat(agentIn(unitDir()).map(ProcessHandle::pid)).as("the agent was restarted").isNotEqualTo(Optional.of(agent.pid()));
            if (round == 2) {
                environment.ok("set", "recorder", "hook-sleep=0");
            }
            if (relationErrors().contains(relation.value())) {
                // Resolved unless an automatic retry got there first.
                environment.juju().run("resolved", "--retry", RECORDER.toString(), "rec");
            }
        }
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(relationErrors()).isEmpty();
            assertThat(TreeReads.settings(environment.state(), relation, RECORDER.toString()))
                    .containsEntry("seen-other-0", "x");
            // Other hooks (the config-changed of hook-sleep=0) may come before the retried one, and
            // a -changed killed is run again: the relation's last hook is a -changed.
            List<String> relationHooks = hooks().stream().filter(name -> name.startsWith("rec-relation-")).toList();
            assertThat(relationHooks).as("-changed after the last -joined").contains("rec-relation-joined")
                    .last().isEqualTo("rec-relation-changed");
        });
        report("unit agent SIGKILL x3 during relation hooks -> relation settled (incl. resolved --retry)", firstKill);

        Map<String, Object> other = TreeReads.settings(environment.state(), relation, "other/0");
        assertThat(TreeReads.settings(environment.state(), relation, RECORDER.toString()))
                .as("the settings an undisturbed run writes")
                .containsExactlyInAnyOrderEntriesOf(Map.of("private-address", other.get("private-address"),
                        "seen-other-0", "x", "unit", RECORDER.toString()));
        assertThat(other).containsEntry("seen-recorder-0", "x");
        Path log = unitDir().resolve("hook-log");
        assertThat(Files.readAllLines(log)).as("never two hooks at once").noneMatch(line -> line.startsWith("OVERLAP"));
        for (String hook : List.of("rec-relation-joined", "rec-relation-changed")) {
            long runs = hooks().stream().filter(hook::equals).count();
            assertThat(runs).as(hook + " runs once, plus once again per kill during it (killed " + kills + ")")
                    .isBetween(1L, 1L + kills.getOrDefault(hook, 0));
        }
    }

    private Optional<ProcessHandle> runningHook() {
        return AgentProcessFaults.pidIn(unitDir().resolve("hook-pid")).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    @SuppressWarnings("unchecked")
    private List<Object> relationErrors() {
        Object errors = environment.state().units().status(RECORDER).get("relation-errors");
        return errors == null ? List.of() : (List<Object>) errors;
    }

    private boolean exists(String path) throws Exception {
        return environment.client().checkExists().forPath(path) != null;
    }

    private void awaitState(String expected) {
        awaitState(RECORDER, expected);
    }

    private void awaitState(UnitName unit, String expected) {
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(String.valueOf(environment.state().units().status(unit).get("agent-state"))).as(unit.toString())
                        .isEqualTo(expected));
    }

    private static void report(String fault, long startNanos) {
        System.out.printf("fault-recovery %s: %d ms%n", fault, (System.nanoTime() - startNanos) / 1_000_000);
    }

    private Path machineDir(MachineId machine) {
        return environment.dataDir().resolve("machines/" + machine);
    }

    private Path unitDir() {
        return machineDir(environment.state().units().machine(RECORDER).orElseThrow()).resolve("units/" + RECORDER.key());
    }

    private List<String> hooks() throws Exception {
        return hooksIn(unitDir());
    }

    private static List<String> hooksIn(Path unitDir) throws Exception {
        Path log = unitDir.resolve("hook-log");
        return Files.exists(log) ? Files.readAllLines(log).stream().map(line -> line.split(" ")[1]).toList() : List.of();
    }
}
