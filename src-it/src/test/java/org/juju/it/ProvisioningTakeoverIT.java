package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.juju.it.AgentProcessFaults.agentIn;
import static org.juju.it.AgentProcessFaults.kill;
import static org.juju.it.AgentProcessFaults.processesWith;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.juju.state.MachineInfo;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provisioning agent SIGKILLed while it starts a machine, alone (its supervisor restarts it)
 * and beside a second provisioning agent that takes the leadership over. The test holds
 * {@code agents.lock}, which every start of a process machine takes, from before the deploy until
 * the agent is killed: so the kill falls after {@code /machines/N} exists and before
 * {@code /machines/N/instance} is recorded. Afterwards the provider's machines (directories with a
 * live supervisor) are exactly the tree's, each with one machine agent. Recovery times are printed
 * as {@code fault-recovery ...} lines.
 */
class ProvisioningTakeoverIT {
    private static final Duration CONVERGE = Duration.ofSeconds(150);
    private static final Path RECORDER_REPO = Path.of("src/test/resources/charms").toAbsolutePath();
    @RegisterExtension
    final BootstrappedEnvironment environment = BootstrappedEnvironment.local("    spare-machines: 0\n");

    @Test
    void aProvisioningAgentKilledWhileStartingMachinesIsRestartedAndStartsEachOnce() throws Exception {
        long killed = killProvisioningAgentDuringStartOf(UnitName.parse("recorder/0"), false, provisioningDir(),
                "deploy", "--repository", RECORDER_REPO.toString(), "local:recorder");
        awaitStarted("recorder/0");
        report("provisioning agent SIGKILL before the provider start -> unit started", killed);
        assertProviderMatchesTree();

        // Right after the provider started the machine: the kill races the recording of the instance.
        environment.ok("add-unit", "recorder");
        MachineId machine = awaitMachineOf(UnitName.parse("recorder/1"));
        Path supervisorPid = environment.dataDir().resolve("machines/" + machine + "/supervisor.pid");
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(2)).until(() -> Files.exists(supervisorPid));
        long killedAfterStart = System.nanoTime();
        kill(agentIn(provisioningDir()).orElseThrow());
        boolean recorded = environment.client().checkExists().forPath(StatePaths.machineInstance(machine)) != null;
        awaitStarted("recorder/1");
        report("provisioning agent SIGKILL after the provider start (instance recorded at kill: " + recorded
                + ") -> unit started", killedAfterStart);
        assertProviderMatchesTree();
    }

    @Test
    void aSecondProvisioningAgentTakesOverFromAKilledLeaderAndStartsTheMachineOnce() throws Exception {
        try (ExtraProvisioningAgent standby = ExtraProvisioningAgent.start(environment.dataDir(), "provisioning-2")) {
            long standbyPid = standby.agent().orElseThrow().pid();
            await().atMost(CONVERGE).until(() -> latch().size() == 2);
            long leaderPid = agentIn(provisioningDir()).orElseThrow().pid();
            assertThat(latch().get(0)).as("the first agent leads").isEqualTo("provisioning-" + leaderPid);

            // Leader's JVM killed, its supervisor left: the restarted agent closes the dead session.
            long killed = killProvisioningAgentDuringStartOf(UnitName.parse("recorder/0"), false, provisioningDir(),
                    "deploy", "--repository", RECORDER_REPO.toString(), "local:recorder");
            await().atMost(CONVERGE).until(() -> latch().size() == 2 && !latch().get(0).equals("provisioning-" + leaderPid));
            report("leader SIGKILL, supervisor restarts it -> new leader " + latch().get(0), killed);
            assertThat(latch().get(0)).as("the standby took over").isEqualTo("provisioning-" + standbyPid);
            awaitStarted("recorder/0");
            report("leader SIGKILL, supervisor restarts it -> unit started by the new leader", killed);
            assertProviderMatchesTree();

            // The acting agent dies with its supervisor (a lost host): its session has to time out.
            long killedForGood = killProvisioningAgentDuringStartOf(UnitName.parse("recorder/1"), true, standby.dir(),
                    "add-unit", "recorder");
            await().atMost(CONVERGE).until(() -> latch().size() == 1);
            report("leader and its supervisor SIGKILL -> leadership taken over", killedForGood);
            awaitStarted("recorder/1");
            report("leader and its supervisor SIGKILL -> unit started by the new leader", killedForGood);
            assertProviderMatchesTree();
        }
    }

    /**
     * Takes {@code agents.lock}, runs {@code juju command...} (which makes {@code unit} wait for a
     * new machine), and holds the lock until the unit is assigned and the leader (the agent of
     * {@code agentDir}) is killed, so that the machine's start cannot have happened yet; returns
     * when the kill was sent.
     */
    private long killProvisioningAgentDuringStartOf(UnitName unit, boolean withSupervisor, Path agentDir,
            String... command) throws Exception {
        try (FileChannel channel = FileChannel.open(environment.dataDir().resolve("agents.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            environment.ok(command);
            MachineId machine = awaitMachineOf(unit);
            assertThat(environment.client().checkExists().forPath(StatePaths.machineInstance(machine)))
                    .as("machine " + machine + " is not started yet").isNull();
            if (withSupervisor) {
                kill(ProcessHandle.of(AgentProcessFaults.pidIn(agentDir.resolve("supervisor.pid")).orElseThrow())
                        .orElseThrow());
            }
            long killed = System.nanoTime();
            kill(agentIn(agentDir).orElseThrow());
            return killed;
        }
    }

    private MachineId awaitMachineOf(UnitName unit) {
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(20))
                .until(() -> environment.state().units().machine(unit).isPresent());
        return environment.state().units().machine(unit).orElseThrow();
    }

    /** The participant ids in {@code /provisioning-leader}, the leader's first. */
    private List<String> latch() throws Exception {
        List<String> children = environment.client().getChildren().forPath(StatePaths.provisioningLeader());
        return children.stream().sorted(Comparator.comparing(child -> child.substring(child.length() - 10)))
                .map(child -> {
                    try {
                        return new String(environment.client().getData()
                                .forPath(StatePaths.provisioningLeader() + "/" + child), StandardCharsets.UTF_8);
                    } catch (Exception e) { // Curator declares Exception
                        return "gone";
                    }
                }).toList();
    }

    /**
     * Awaits the converged state: the machines the provider runs (a directory with a live
     * supervisor) are exactly the machines of the tree with a recorded instance, each
     * {@code process-local-N}, each with one machine agent. (A unit may be started before the
     * restarted provisioning agent has recorded its machine's instance: the machine agent does not
     * wait for the record.)
     */
    private void assertProviderMatchesTree() {
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).untilAsserted(this::checkProviderMatchesTree);
    }

    private void checkProviderMatchesTree() throws Exception {
        List<String> running;
        try (Stream<Path> dirs = Files.list(environment.dataDir().resolve("machines"))) {
            running = dirs.filter(dir -> dir.getFileName().toString().matches("\\d+"))
                    .filter(dir -> AgentProcessFaults.pidIn(dir.resolve("supervisor.pid")).flatMap(ProcessHandle::of)
                            .map(ProcessHandle::isAlive).orElse(false))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        }
        List<MachineInfo> machines = environment.state().machines().infos();
        assertThat(running).as("the provider's machines are the tree's").containsExactlyInAnyOrderElementsOf(
                machines.stream().map(info -> info.id().toString()).toList());
        for (MachineInfo machine : machines) {
            assertThat(machine.instance().map(MachineInfo.InstanceRecord::instanceId))
                    .isEqualTo(Optional.of("process-local-" + machine.id()));
            assertThat(processesWith("AgentMain machine --id " + machine.id() + " ", environment.home().toString()))
                    .as("one machine agent of machine " + machine.id()).hasSize(1);
        }
    }

    private void awaitStarted(String unit) {
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(String.valueOf(environment.state().units().status(UnitName.parse(unit)).get("agent-state")))
                        .as(unit).isEqualTo("started"));
    }

    private Path provisioningDir() {
        return environment.dataDir().resolve("agents/provisioning");
    }

    private static void report(String fault, long startNanos) {
        System.out.printf("fault-recovery %s: %d ms%n", fault, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
