package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.juju.provider.Instance;
import org.juju.provider.Port;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.MachineId;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.junit.jupiter.api.Test;

/** Process machines running the real machine agent against a real ZooKeeper server. */
class ProcessMachinesTest extends ProcessMachinesFixture {
    @Override
    int spares() {
        return 0;
    }

    private ProcessHandle supervisor(int id) {
        return SupervisedAgents.running(layout.machineDir(new MachineId(id))).orElseThrow();
    }

    @Test
    void aStartedMachineRunsItsMachineAgentWhichBecomesPresent() throws Exception {
        Instance instance = start(1);

        assertThat(instance).isEqualTo(new Instance("process-dev-1", new MachineId(1), "127.0.0.1", "running"));
        await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 1).isPresent());
        Path dir = tmp.resolve("data/machines/1");
        assertThat(dir.resolve("supervisor.sh")).isRegularFile();
        assertThat(dir.resolve("supervisor.pid")).hasContent(Long.toString(supervisor(1).pid()));
        assertThat(Files.readString(dir.resolve("machine-agent.log"))).contains("supervisor: started");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(Files.readString(dir.resolve("agent.log"))).contains("machine agent of machine 1 started"));
        List<ProcessHandle> agents = TestTree.agentsBelow(supervisor(1));
        assertThat(agents).hasSize(1);
        assertThat(agents.get(0).info().commandLine().orElseThrow())
                .contains("-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto org.juju.agents.AgentMain"
                        + " machine --id 1 --zookeeper " + server.getConnectString() + " --dir " + dir);
        assertThat(machines.listMachines()).containsExactly(instance);
    }

    @Test
    void aMachineAgentFindsItsIdentityInItsDirectoryBeforeItStartsAndAfterAHostRestart() throws Exception {
        AgentIdentity identity = TestCredentials.machine(8);
        String password = identity.credential().password();

        start(8, identity);

        Path dir = layout.machineDir(new MachineId(8));
        TestCredentials.assertHandedTo(dir, identity);
        assertThat(Files.getLastModifiedTime(dir.resolve(Credential.FILE_NAME)))
                .as("written before the supervisor's script").isLessThanOrEqualTo(
                        Files.getLastModifiedTime(dir.resolve(SupervisorScript.FILE)));
        await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 8).isPresent());
        String commandLine = TestTree.agentsBelow(supervisor(8)).get(0).info().commandLine().orElseThrow();
        assertThat(commandLine).as("the agent's --dir holds the file").contains(" --dir " + dir)
                .doesNotContain(password);
        assertThat(Files.readString(dir.resolve(SupervisorScript.FILE))).doesNotContain(password);

        List<ProcessHandle> before = TestTree.processesUnder(dir);
        before.forEach(ProcessHandle::destroyForcibly); // the host goes down
        await().atMost(WAIT).until(() -> TestTree.processesUnder(dir).isEmpty());
        assertThat(machines.startIfNeeded(new MachineId(8), server.getConnectString())).isTrue();

        TestCredentials.assertHandedTo(dir, identity);
        await().atMost(WAIT).until(() -> TestTree.agentsBelow(supervisor(8)).size() == 1);
        assertThat(Files.readString(dir.resolve(ProcessMachines.OUTPUT_FILE))).doesNotContain(password);
    }

    @Test
    void aMachineWithoutIdentityHasNoCredentialFile() {
        start(9);

        assertThat(layout.machineDir(new MachineId(9)).resolve(Credential.FILE_NAME)).doesNotExist();
    }

    @Test
    void startingAMachineTwiceReturnsTheRunningOne() throws Exception {
        Instance first = start(2);
        long supervisorPid = supervisor(2).pid();

        Instance second = start(2);

        assertThat(second).isEqualTo(first);
        assertThat(supervisor(2).pid()).isEqualTo(supervisorPid);
        assertThat(supervisorScripts(tmp.resolve("data/machines/2"))).hasSize(1);
    }

    @Test
    void concurrentStartsOfOneMachineStartOneSupervisor() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Instance>> starts = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starts.add(pool.submit(() -> start(7)));
            }
            for (java.util.concurrent.Future<Instance> started : starts) {
                assertThat(started.get()).isEqualTo(machines.listMachines().get(0));
            }
        } finally {
            pool.shutdown();
        }
        assertThat(supervisorScripts(tmp.resolve("data/machines/7"))).hasSize(1);
    }

    /**
     * The supervisor scripts running under {@code dir}, each counted once: the subshells a script
     * forks for a moment (its {@code $(date ...)}) carry the same command line and are left out.
     */
    private static List<ProcessHandle> supervisorScripts(java.nio.file.Path dir) {
        java.util.function.Predicate<ProcessHandle> isScript =
                p -> p.info().commandLine().orElse("").contains("supervisor.sh");
        return TestTree.processesUnder(dir).stream().filter(isScript)
                .filter(p -> p.parent().filter(isScript).isEmpty()).toList();
    }

    @Test
    void aKilledMachineAgentIsRestartedAndIsPresentAgain() throws Exception {
        start(3);
        await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 3).isPresent());
        long firstSession = TestTree.machinePresence(client, 3).orElseThrow().getEphemeralOwner();
        ProcessHandle agent = TestTree.agentsBelow(supervisor(3)).get(0);

        agent.destroyForcibly();

        await().atMost(WAIT).until(() -> TestTree.agentsBelow(supervisor(3)).stream().anyMatch(p -> p.pid() != agent.pid()));
        await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 3)
                .filter(stat -> stat.getEphemeralOwner() != firstSession).isPresent());
        assertThat(Files.readString(tmp.resolve("data/machines/3/machine-agent.log")))
                .contains("agent exited with status 137; restarting in 1 s");
    }

    @Test
    void stoppingAMachineEndsAllItsProcessesAndRemovesItsDirectory() throws Exception {
        Instance instance = start(4);
        await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 4).isPresent());
        ProcessHandle supervisor = supervisor(4);
        List<ProcessHandle> processes = new java.util.ArrayList<>(supervisor.descendants().toList());
        processes.add(supervisor);
        assertThat(supervisor.pid()).as("the supervisor leads its own session").isEqualTo(sessionOf(supervisor.pid()));

        machines.stopMachine(instance.instanceId());

        assertThat(processes).noneMatch(ProcessTree::isRunning);
        assertThat(TestTree.processesUnder(layout.machineDir(new MachineId(4)))).isEmpty();
        assertThat(layout.machineDir(new MachineId(4))).doesNotExist();
        assertThat(TestTree.machinePresence(client, 4)).isEmpty();
        assertThat(machines.listMachines()).isEmpty();
        machines.stopMachine(instance.instanceId());
    }

    @Test
    void restartingAMachineWhoseSupervisorWasKilledEndsTheOrphanedAgentFirst() throws Exception {
        start(5);
        await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 5).isPresent());
        ProcessHandle supervisor = supervisor(5);
        ProcessHandle agent = TestTree.agentsBelow(supervisor).get(0);
        supervisor.destroyForcibly();
        await().atMost(WAIT).until(() -> !ProcessTree.isRunning(supervisor));
        assertThat(ProcessTree.isRunning(agent)).as("the agent outlives its supervisor").isTrue();
        assertThat(machines.listMachines()).isEmpty();

        start(5);

        assertThat(ProcessTree.isRunning(agent)).isFalse();
        await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 5).isPresent());
        assertThat(TestTree.agentsBelow(supervisor(5))).hasSize(1).noneMatch(p -> p.pid() == agent.pid());
    }

    @Test
    void openPortsAreRecordedPerMachine() throws Exception {
        Instance instance = start(6);
        Set<Port> ports = Set.of(Port.parse("80"), Port.parse("53/udp"), Port.parse("443/tcp"));

        machines.setOpenPorts(instance.instanceId(), ports);

        assertThat(machines.openPorts(instance.instanceId())).containsExactly(Port.parse("53/udp"),
                Port.parse("80/tcp"), Port.parse("443/tcp"));
        assertThat(Files.readString(tmp.resolve("data/machines/6/firewall.yaml"))).contains("open:\n- 53/udp\n- 80/tcp\n- 443/tcp");
        machines.setOpenPorts(instance.instanceId(), Set.of());
        assertThat(machines.openPorts(instance.instanceId())).isEmpty();
        assertThatThrownBy(() -> machines.openPorts("process-dev-99")).isInstanceOf(NotFoundException.class)
                .hasMessage("instance process-dev-99 does not exist");
        assertThatThrownBy(() -> machines.stopMachine("process-prod-6")).isInstanceOf(InvalidInputException.class)
                .hasMessage("'process-prod-6' is not an instance of environment 'dev' (expected process-dev-N)");
    }

    private static long sessionOf(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }
}
