package org.juju.agents.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.juju.provider.Port;
import org.juju.state.JujuState;
import org.juju.state.MachineInfo;
import org.juju.state.model.MachineId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;
import org.juju.state.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProvisionerTest {
    private static final ServiceName WEB = ServiceName.of("web");
    private TestEnvironment environment;
    private CuratorFramework client;
    private JujuState state;
    private final InMemoryMachines cloud = new InMemoryMachines();

    @BeforeEach
    void start() throws Exception {
        environment = TestEnvironment.start();
        client = environment.client();
        state = environment.state();
        environment.deploy(WEB.value(), 2);
    }

    @AfterEach
    void stop() throws Exception {
        environment.close();
    }

    /** Rounds until nothing is left to do. */
    private static void converge(Provisioner provisioner) {
        for (int i = 0; i < 3; i++) {
            provisioner.reconcile();
        }
    }

    private Provisioner provisioner(Clock clock) {
        return new Provisioner(state, cloud, environment.connectString(), Duration.ofSeconds(120), clock);
    }

    @Test
    void placesEachUnitOnANewMachineAndStartsItsInstanceInOneRound() {
        Provisioner provisioner = provisioner(Clock.systemUTC());

        assertThat(provisioner.reconcile()).isZero();

        assertThat(state.units().unassigned()).isEmpty();
        assertThat(state.units().machine(UnitName.parse("web/0"))).contains(new MachineId(1));
        assertThat(state.units().machine(UnitName.parse("web/1"))).contains(new MachineId(2));
        assertThat(cloud.calls).contains("start 0", "start 1", "start 2");
        assertThat(state.machines().infos()).allSatisfy(info -> assertThat(info.instance()).isPresent());
    }

    @Test
    void unitsDeployedWhileARoundStartsMachinesArePlacedBeforeItsRemainingStarts() {
        java.util.concurrent.atomic.AtomicBoolean deployed = new java.util.concurrent.atomic.AtomicBoolean();
        cloud.onStart = spec -> {
            if (!deployed.getAndSet(true)) {
                environment.deploy("db", 1); // the next part of a deploy, written during the round's first start
            }
        };
        Provisioner provisioner = provisioner(Clock.systemUTC());

        assertThat(provisioner.reconcile()).as("no start failed").isZero();
        assertThat(cloud.starts()).as("the round stopped starting after its first machine").isOne();
        assertThat(state.units().unassigned()).containsExactly(UnitName.parse("db/0"));

        assertThat(provisioner.reconcile()).isZero();
        assertThat(state.units().unassigned()).as("placed by the next round").isEmpty();
        assertThat(state.machines().infos()).hasSize(4).allSatisfy(info ->
                assertThat(info.instance()).as("machine " + info.id()).isPresent());
        assertThat(cloud.starts()).as("each machine started once").isEqualTo(4);
    }

    @Test
    void startsTheMachinesOfARoundAtOnceWhenTheProviderAllowsIt() {
        environment.deploy("db", 1);
        cloud.concurrentStarts = 3;
        cloud.startBarrier = new java.util.concurrent.CyclicBarrier(3);

        converge(provisioner(Clock.systemUTC()));

        assertThat(cloud.calls).contains("start 1", "start 2", "start 3");
        assertThat(state.machines().infos()).hasSize(4).allSatisfy(info -> {
            assertThat(info.instance()).as("machine " + info.id()).isPresent();
            assertThat(info.error()).as("machine " + info.id()).isEmpty();
        });
    }

    @Test
    void aSecondProvisionerAfterACrashNeverStartsAMachineTwice() throws Exception {
        converge(provisioner(Clock.systemUTC()));
        long starts = cloud.starts();
        // A crash after starting machine 2 but before recording it: the record is lost.
        client.delete().forPath(StatePaths.machineInstance(new MachineId(2)));

        Provisioner takeover = provisioner(Clock.systemUTC());
        takeover.reconcile();
        takeover.reconcile();

        assertThat(cloud.starts()).as("no instance started twice").isEqualTo(starts);
        assertThat(state.machines().infos()).allSatisfy(info -> assertThat(info.instance()).isPresent());
    }

    @Test
    void terminateMachineStopsTheInstanceAndRemovesTheMachineOnceItsUnitIsGone() throws Exception {
        Provisioner provisioner = provisioner(Clock.systemUTC());
        converge(provisioner);
        UnitName unit = UnitName.parse("web/1");
        var node = state.store().read(StatePaths.unitStatus(unit)).orElseThrow();
        state.units().remove(List.of(unit));
        // What the machine agent does once the unit agent finished:
        state.units().removeDead(unit);
        state.machines().terminate(List.of(new MachineId(2)));

        provisioner.reconcile();

        assertThat(node).isNotNull();
        assertThat(cloud.calls).contains("stop i-2");
        assertThat(state.machines().ids()).containsExactly(new MachineId(0), new MachineId(1));
        assertThat(state.units().unitsOf(WEB)).as("remove-unit never terminates a machine by itself")
                .containsExactly(UnitName.parse("web/0"));
    }

    @Test
    void exposedServicesGetTheirUnitsPortsOpened() throws Exception {
        Provisioner provisioner = provisioner(Clock.systemUTC());
        converge(provisioner);
        client.setData().forPath(StatePaths.unitPorts(UnitName.parse("web/0")), "open: [80/tcp, 53/udp]".getBytes());

        provisioner.reconcile();
        assertThat(cloud.openPorts("i-1")).as("not exposed yet").isEmpty();

        state.services().expose(WEB);
        provisioner.reconcile();
        assertThat(cloud.openPorts("i-1")).containsExactlyInAnyOrder(Port.parse("80/tcp"), Port.parse("53/udp"));

        state.services().unexpose(WEB);
        provisioner.reconcile();
        assertThat(cloud.openPorts("i-1")).isEmpty();
    }

    @Test
    void aMachineNodeOfGarbageIsLeftAloneAndTheOthersAreStillProvisioned() throws Exception {
        Provisioner provisioner = provisioner(Clock.systemUTC());
        converge(provisioner);
        String machine2 = StatePaths.machine(new MachineId(2));
        byte[] good = client.getData().forPath(machine2);
        client.setData().forPath(machine2, new byte[] {(byte) 0xff, (byte) 0xfe, '{', 0, '\n'});
        client.setData().forPath(StatePaths.machine(new MachineId(1)), "life: [not, a, life]\n".getBytes());
        environment.deploy("db", 1);

        converge(provisioner);

        assertThat(state.machines().readAll().unreadable()).containsOnlyKeys(new MachineId(1), new MachineId(2));
        assertThat(state.units().machine(UnitName.parse("db/0"))).as("the new unit got a new machine")
                .contains(new MachineId(3));
        assertThat(cloud.calls).contains("start 3").doesNotContain("stop i-1", "stop i-2");

        client.setData().forPath(machine2, good);
        provisioner.reconcile();
        assertThat(state.machines().readAll().unreadable()).as("a repaired node is read again")
                .containsOnlyKeys(new MachineId(1));
    }

    @Test
    void aMachineWhoseAgentNeverComesUpIsReportedInError() {
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
        converge(provisioner(Clock.systemUTC()));

        provisioner(later).reconcile();

        assertThat(state.machines().infos()).filteredOn(info -> info.id().value() == 1)
                .allSatisfy(info -> assertThat(info.error()).hasValueSatisfying(m -> assertThat(m).contains("did not start")));
    }

    private MachineInfo machine(int id) {
        return state.machines().infos().stream().filter(info -> info.id().value() == id).findFirst().orElseThrow();
    }

    @Test
    void retryProvisioningStopsTheStuckInstanceStartsItAgainAndAppliesTheLaunchTimeoutAgain() {
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
        converge(provisioner(Clock.systemUTC()));
        provisioner(later).reconcile();
        assertThat(machine(1).error()).isPresent();
        state.machines().retries().request(List.of(new MachineId(1)));
        int callsBefore = cloud.calls.size();

        provisioner(later).reconcile();

        assertThat(cloud.calls.subList(callsBefore, cloud.calls.size())).as("stopped first, then started")
                .containsExactly("stop i-1", "start 1");
        MachineInfo retried = machine(1);
        assertThat(retried.error()).isEmpty();
        assertThat(retried.retryRequested()).isFalse();
        assertThat(retried.units()).containsExactly(UnitName.parse("web/0"));
        assertThat(retried.instance()).hasValueSatisfying(record ->
                assertThat(record.startedAtMillis()).as("the launch timeout counts from the new start")
                        .isGreaterThanOrEqualTo(later.millis() - 60_000));
        provisioner(later).reconcile();
        assertThat(machine(1).error()).as("not overdue yet").isEmpty();
        assertThat(cloud.starts()).as("started once more, not on every round").isEqualTo(4);

        provisioner(Clock.offset(later, Duration.ofMinutes(5))).reconcile();
        assertThat(machine(1).error()).as("a retried machine whose agent still does not come up is reported again")
                .hasValueSatisfying(message -> assertThat(message).contains("did not start", "retry-provisioning"));
    }

    @Test
    void aMachineTheProviderCannotStartIsReportedInErrorAndStartedAgainOnlyWhenRetried() {
        cloud.startFailure = "quota exceeded";
        converge(provisioner(Clock.systemUTC()));

        assertThat(machine(1).error()).hasValueSatisfying(message ->
                assertThat(message).startsWith("cannot start the machine: quota exceeded;").contains("retry-provisioning"));
        assertThat(machine(2).error()).isPresent();
        assertThat(cloud.calls).as("each machine tried once, not every round").containsOnlyOnce("start 1", "start 2");

        cloud.startFailure = null;
        state.machines().retries().request(List.of(new MachineId(1)));
        provisioner(Clock.systemUTC()).reconcile();

        assertThat(machine(1).instance()).isPresent();
        assertThat(machine(1).error()).isEmpty();
        assertThat(machine(2).error()).as("only the machine asked for is retried").isPresent();
        assertThat(machine(2).instance()).isEmpty();
    }

    @Test
    void aRetryRequestOnAMachineWhoseAgentReportedMeanwhileIsConsumedAndIgnored() {
        converge(provisioner(Clock.systemUTC()));
        MachineId id = new MachineId(1);
        state.machines().setStatus(id, "error", "machine agent did not start within 120 s");
        state.machines().retries().request(List.of(id));
        state.machines().setStatus(id, "started", null);
        var instance = machine(1).instance();
        int callsBefore = cloud.calls.size();

        provisioner(Clock.systemUTC()).reconcile();

        assertThat(machine(1).retryRequested()).isFalse();
        assertThat(machine(1).instance()).isEqualTo(instance);
        assertThat(machine(1).reported()).isTrue();
        assertThat(cloud.calls.subList(callsBefore, cloud.calls.size())).as("no provider call").isEmpty();
    }

    @Test
    void aTakeoverAfterTheResetOfARetryStartsTheMachineOnce() {
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
        converge(provisioner(Clock.systemUTC()));
        provisioner(later).reconcile();
        MachineId id = new MachineId(1);
        state.machines().retries().request(List.of(id));
        // A leader that stopped the instance and reset the machine, then died before starting it:
        cloud.stopMachine("i-1");
        state.machines().retries().reset(id);
        long starts = cloud.starts();

        Provisioner takeover = provisioner(later);
        takeover.reconcile();
        takeover.reconcile();

        assertThat(cloud.starts()).isEqualTo(starts + 1);
        assertThat(machine(1).instance()).isPresent();
        assertThat(machine(1).error()).isEmpty();
    }

    @Test
    void onlyTheLeaderActsAndAnotherTakesOverWhenItStops() throws Exception {
        InMemoryMachines other = new InMemoryMachines();
        try (ProvisioningLoop first = new ProvisioningLoop(client, provisioner(Clock.systemUTC()), Duration.ofSeconds(1), "pa-1")) {
            first.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> state.units().unassigned().isEmpty());
            CuratorFramework secondClient = StateConnection.connect(environment.connectString(), Duration.ofSeconds(5));
            JujuState secondState = new JujuState(new StateStore(secondClient));
            Provisioner standby = new Provisioner(secondState, other, environment.connectString(), Duration.ofSeconds(120),
                    Clock.systemUTC());
            try (ProvisioningLoop second = new ProvisioningLoop(secondClient, standby, Duration.ofSeconds(1), "pa-2")) {
                second.start();
                state.units().add(WEB, 1);
                await().atMost(Duration.ofSeconds(20)).until(() -> state.units().unassigned().isEmpty());
                assertThat(first.isLeader()).isTrue();
                assertThat(second.isLeader()).isFalse();
                assertThat(other.calls).as("the standby made no provider call").isEmpty();

                first.close();
                await().atMost(Duration.ofSeconds(20)).until(second::isLeader);
                state.units().add(WEB, 1);
                // The new machine is added and placed in one round and started in the next.
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(other.calls).anyMatch(call -> call.startsWith("start")));
            } finally {
                secondClient.close();
            }
        }
    }
}
