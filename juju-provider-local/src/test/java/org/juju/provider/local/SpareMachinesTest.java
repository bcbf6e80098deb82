package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.juju.provider.Instance;
import org.juju.state.model.MachineId;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.junit.jupiter.api.Test;

/** Spare process machines: real supervisors and agent JVMs against a real ZooKeeper server. */
class SpareMachinesTest extends ProcessMachinesFixture {
    private static final String UNIT_SPARE = SupervisorScript.AGENT_MAIN + " spare --dir";

    @Override
    int spares() {
        return 1;
    }

    private static List<ProcessHandle> unitSparesBelow(ProcessHandle supervisor) {
        return supervisor.descendants().filter(ProcessTree::isRunning)
                .filter(p -> p.info().commandLine().orElse("").contains(UNIT_SPARE)).toList();
    }

    @Test
    void prepareAheadKeepsOneSpareThatIsNoMachine() {
        machines.prepareAhead();
        machines.prepareAhead();

        List<Path> spares = machines.spareDirs();
        assertThat(spares).hasSize(1);
        ProcessHandle supervisor = SupervisedAgents.running(spares.get(0)).orElseThrow();
        await().atMost(WAIT).until(() -> unitSparesBelow(supervisor).size() == 1);
        assertThat(TestTree.jvmsBelow(supervisor, SupervisorScript.AGENT_MAIN + " spare-machine")).hasSize(1);
        assertThat(machines.listMachines()).isEmpty();
        assertThat(machines.machineIds()).isEmpty();
    }

    @Test
    void aStartedMachineTakesTheSpareOverWithItsUnitSpare() throws Exception {
        machines.prepareAhead();
        Path spare = machines.spareDirs().get(0);
        ProcessHandle supervisor = SupervisedAgents.running(spare).orElseThrow();
        await().atMost(WAIT).until(() -> unitSparesBelow(supervisor).size() == 1);
        ProcessHandle spareJvm = TestTree.jvmsBelow(supervisor, SupervisorScript.AGENT_MAIN + " spare-machine").get(0);
        ProcessHandle unitSpare = unitSparesBelow(supervisor).get(0);

        Instance instance = start(1);

        Path dir = layout.machineDir(new MachineId(1));
        assertThat(instance).isEqualTo(new Instance("process-dev-1", new MachineId(1), "127.0.0.1", "running"));
        assertThat(spare).doesNotExist();
        assertThat(SupervisedAgents.running(dir).map(ProcessHandle::pid)).contains(supervisor.pid());
        await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 1).isPresent());
        assertThat(Files.readString(dir.resolve("agent.log")))
                .contains("machine-1 starting (pid " + spareJvm.pid() + ")");
        assertThat(Files.readString(dir.resolve(ProcessMachines.ASSIGNMENT_FILE)))
                .isEqualTo("machine\t--id\t1\t--zookeeper\t" + server.getConnectString() + "\t--dir\t" + dir + "\n");
        assertThat(unitSparesBelow(supervisor)).as("the unit spare started ahead is kept for the first unit")
                .extracting(ProcessHandle::pid).containsExactly(unitSpare.pid());
        assertThat(machines.listMachines()).containsExactly(instance);
        assertThat(start(1)).as("starting it again returns it").isEqualTo(instance);
        assertThat(machines.spareDirs()).isEmpty();

        machines.prepareAhead();

        assertThat(machines.spareDirs()).hasSize(1).doesNotContain(spare);
    }

    @Test
    void aTakenOverSpareFindsTheMachinesIdentityInItsRenamedDirectoryBeforeItsAssignment() throws Exception {
        machines.prepareAhead();
        Path spare = machines.spareDirs().get(0);
        ProcessHandle supervisor = SupervisedAgents.running(spare).orElseThrow();
        AgentIdentity identity = TestCredentials.machine(4);
        List<String> created = new java.util.ArrayList<>();
        Path dir = layout.machineDir(new MachineId(4));

        try (WatchService watcher = spare.getFileSystem().newWatchService()) {
            spare.register(watcher, StandardWatchEventKinds.ENTRY_CREATE); // follows the directory when renamed
            start(4, identity);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!created.contains(ProcessMachines.ASSIGNMENT_FILE) && System.nanoTime() < deadline) {
                WatchKey key = watcher.poll(1, TimeUnit.SECONDS);
                if (key != null) {
                    key.pollEvents().forEach(event -> created.add(String.valueOf(event.context())));
                    key.reset();
                }
            }
        }

        assertThat(created).as("files appearing in the spare's directory, in order")
                .filteredOn(name -> name.equals(Credential.FILE_NAME) || name.equals(ProcessMachines.ASSIGNMENT_FILE))
                .containsExactly(Credential.FILE_NAME, ProcessMachines.ASSIGNMENT_FILE);
        assertThat(SupervisedAgents.running(dir).map(ProcessHandle::pid)).contains(supervisor.pid());
        assertThat(Files.readString(dir.resolve(ProcessMachines.ASSIGNMENT_FILE))).contains("\t--dir\t" + dir + "\n");
        TestCredentials.assertHandedTo(dir, identity);
        await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 4).isPresent());
        assertThat(Files.readString(dir.resolve(ProcessMachines.OUTPUT_FILE)))
                .doesNotContain(identity.credential().password());
    }

    @Test
    void aSpareWhoseDirectoryCannotTakeTheCredentialIsLeftWaitingAndTheMachineStartedAfresh() throws Exception {
        machines.prepareAhead();
        Path spare = machines.spareDirs().get(0);
        ProcessHandle spareSupervisor = SupervisedAgents.running(spare).orElseThrow();
        Files.createDirectories(spare.resolve(Credential.FILE_NAME).resolve("in-the-way"));
        AgentIdentity identity = TestCredentials.machine(5);

        start(5, identity);

        Path dir = layout.machineDir(new MachineId(5));
        assertThat(machines.spareDirs()).containsExactly(spare);
        assertThat(spare.resolve(ProcessMachines.ASSIGNMENT_FILE)).doesNotExist();
        assertThat(SupervisedAgents.running(spare).map(ProcessHandle::pid)).contains(spareSupervisor.pid());
        assertThat(SupervisedAgents.running(dir).orElseThrow().pid()).isNotEqualTo(spareSupervisor.pid());
        TestCredentials.assertHandedTo(dir, identity);
        await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 5).isPresent());
    }

    @Test
    void aTakenOverMachinesRestartedAgentIsTheMachineAgainAndStoppingItEndsEverything() throws Exception {
        machines.prepareAhead();
        ProcessHandle supervisor = SupervisedAgents.running(machines.spareDirs().get(0)).orElseThrow();
        Instance instance = start(2);
        await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 2).isPresent());
        long firstSession = TestTree.machinePresence(client, 2).orElseThrow().getEphemeralOwner();
        ProcessHandle agent = TestTree.jvmsBelow(supervisor, SupervisorScript.AGENT_MAIN + " spare-machine").get(0);

        agent.destroyForcibly();

        await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 2)
                .filter(stat -> stat.getEphemeralOwner() != firstSession).isPresent());
        Path dir = layout.machineDir(new MachineId(2));
        assertThat(Files.readString(dir.resolve(ProcessMachines.OUTPUT_FILE)))
                .contains("agent exited with status 137; restarting in 1 s");
        List<ProcessHandle> processes = new java.util.ArrayList<>(supervisor.descendants().toList());
        processes.add(supervisor);

        machines.stopMachine(instance.instanceId());

        assertThat(processes).noneMatch(ProcessTree::isRunning);
        assertThat(dir).doesNotExist();
        assertThat(TestTree.machinePresence(client, 2)).isEmpty();
    }

    @Test
    void aMachineWithADirectoryLeftIsStartedAfreshAndTheSpareKept() throws Exception {
        machines.prepareAhead();
        Path spare = machines.spareDirs().get(0);
        Files.createDirectories(layout.machineDir(new MachineId(3)));

        start(3);

        assertThat(machines.spareDirs()).containsExactly(spare);
        ProcessHandle supervisor = SupervisedAgents.running(layout.machineDir(new MachineId(3))).orElseThrow();
        assertThat(supervisor.pid()).isNotEqualTo(SupervisedAgents.running(spare).orElseThrow().pid());
        await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 3).isPresent());
    }

    @Test
    void aDeadSpareIsRemovedAndReplaced() throws Exception {
        machines.prepareAhead();
        Path spare = machines.spareDirs().get(0);
        ProcessHandle supervisor = SupervisedAgents.running(spare).orElseThrow();
        List<ProcessHandle> processes = new java.util.ArrayList<>(supervisor.descendants().toList());
        supervisor.destroyForcibly();
        await().atMost(WAIT).until(() -> !ProcessTree.isRunning(supervisor));

        machines.prepareAhead();

        assertThat(spare).doesNotExist();
        assertThat(processes).noneMatch(ProcessTree::isRunning);
        assertThat(machines.spareDirs()).hasSize(1).doesNotContain(spare);
    }

    @Test
    void stoppingTheSparesEndsThemAll() throws Exception {
        machines.prepareAhead();
        ProcessHandle supervisor = SupervisedAgents.running(machines.spareDirs().get(0)).orElseThrow();
        await().atMost(WAIT).until(() -> unitSparesBelow(supervisor).size() == 1);
        List<ProcessHandle> processes = new java.util.ArrayList<>(supervisor.descendants().toList());
        processes.add(supervisor);

        assertThat(machines.stopSpares()).isTrue();

        assertThat(processes).noneMatch(ProcessTree::isRunning);
        assertThat(machines.spareDirs()).isEmpty();
        assertThat(machines.stopSpares()).isFalse();
    }
}
