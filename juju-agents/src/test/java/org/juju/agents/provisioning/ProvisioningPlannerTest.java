package org.juju.agents.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.juju.agents.provisioning.ProvisioningAction.AddMachineFor;
import org.juju.agents.provisioning.ProvisioningAction.Assign;
import org.juju.agents.provisioning.ProvisioningAction.DiscardRetry;
import org.juju.agents.provisioning.ProvisioningAction.LaunchTimedOut;
import org.juju.agents.provisioning.ProvisioningAction.RecordInstance;
import org.juju.agents.provisioning.ProvisioningAction.RefreshInstance;
import org.juju.agents.provisioning.ProvisioningAction.Reprovision;
import org.juju.agents.provisioning.ProvisioningAction.SetPorts;
import org.juju.agents.provisioning.ProvisioningAction.StartInstance;
import org.juju.agents.provisioning.ProvisioningAction.StopOrphan;
import org.juju.agents.provisioning.ProvisioningAction.Terminate;
import org.juju.provider.Instance;
import org.juju.provider.Port;
import org.juju.state.MachineInfo;
import org.juju.state.model.Life;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.junit.jupiter.api.Test;

class ProvisioningPlannerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final long NOW = 1_000_000;
    private final List<MachineInfo> machines = new ArrayList<>();
    private final List<UnitName> unassigned = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();

    private static MachineId m(int id) {
        return new MachineId(id);
    }

    private static UnitName u(String name) {
        return UnitName.parse(name);
    }

    /** A running machine with an instance i-N whose agent is present. */
    private void running(int id, String... units) {
        machines.add(new MachineInfo(m(id), Life.ALIVE, "bookworm",
                Optional.of(new MachineInfo.InstanceRecord("i-" + id, "10.0.0." + id, "running", NOW - 1000)),
                List.of(units).stream().map(UnitName::parse).toList(), true, true, Optional.empty(), false));
        instances.add(new Instance("i-" + id, m(id), "10.0.0." + id, "running"));
    }

    /** A live machine in error, with or without an instance record i-N, its agent never seen. */
    private void inError(int id, boolean recorded, boolean retryRequested, String... units) {
        Optional<MachineInfo.InstanceRecord> record = recorded
                ? Optional.of(new MachineInfo.InstanceRecord("i-" + id, "", "running", NOW - TIMEOUT.toMillis() * 2))
                : Optional.empty();
        machines.add(new MachineInfo(m(id), Life.ALIVE, "bookworm", record,
                List.of(units).stream().map(UnitName::parse).toList(), false, false, Optional.of("did not start"),
                retryRequested));
    }

    private void requestRetry(int id) {
        machines.replaceAll(info -> info.id().value() != id ? info : new MachineInfo(info.id(), info.life(), info.series(),
                info.instance(), info.units(), info.present(), info.reported(), info.error(), true));
    }

    private List<ProvisioningAction> plan(Map<MachineId, Set<Port>> wanted, Map<String, Set<Port>> open) {
        return ProvisioningPlanner.plan(new ProvisioningInput(machines, unassigned, instances, wanted, open, NOW, TIMEOUT));
    }

    private List<ProvisioningAction> plan() {
        return plan(Map.of(), Map.of());
    }

    @Test
    void placesUnitsOnFreeMachinesOtherThanZeroThenOnNewOnes() {
        running(0);
        running(1, "mysql/0");
        running(2);
        running(3);
        unassigned.addAll(List.of(u("a/0"), u("a/1"), u("a/2")));

        assertThat(plan()).containsExactly(new Assign(u("a/0"), m(2)), new Assign(u("a/1"), m(3)), new AddMachineFor(u("a/2")));
    }

    @Test
    void packsUnitsOntoMachinesWithRoomThenOntoNewMachinesOfThatSize() {
        running(0);
        running(1, "mysql/0", "mysql/1", "mysql/2");
        running(2, "mysql/3");
        inError(3, true, false);
        unassigned.addAll(List.of(u("a/0"), u("a/1"), u("a/2"), u("a/3"), u("a/4"), u("a/5"), u("a/6"), u("a/7")));

        assertThat(ProvisioningPlanner.plan(new ProvisioningInput(machines, unassigned, instances, Map.of(), Map.of(),
                NOW, TIMEOUT, 3))).containsExactly(new Assign(u("a/0"), m(2)), new Assign(u("a/1"), m(2)),
                new AddMachineFor(List.of(u("a/2"), u("a/3"), u("a/4"))), new AddMachineFor(List.of(u("a/5"), u("a/6"),
                        u("a/7"))));
    }

    @Test
    void oneUnitPerMachineNeverPutsASecondUnitOnAMachine() {
        running(1, "mysql/0");
        unassigned.addAll(List.of(u("a/0"), u("a/1")));

        assertThat(plan()).containsExactly(new AddMachineFor(u("a/0")), new AddMachineFor(u("a/1")));
    }

    @Test
    void startsMachinesWithoutInstanceUnlessTheProviderAlreadyRunsOne() {
        running(0);
        machines.add(new MachineInfo(m(1), Life.ALIVE, "bookworm", Optional.empty(), List.of(u("a/0")), false, false,
                Optional.empty(), false));
        machines.add(new MachineInfo(m(2), Life.ALIVE, "bookworm", Optional.empty(), List.of(u("a/1")), false, false,
                Optional.empty(), false));
        Instance survivor = new Instance("i-2", m(2), "10.0.0.2", "running");
        instances.add(survivor);

        assertThat(plan()).containsExactly(new StartInstance(m(1)), new RecordInstance(m(2), survivor));
    }

    @Test
    void terminatesDyingMachinesOnlyOnceTheirUnitsAreGone() {
        running(0);
        running(1, "a/0");
        running(2);
        machines.replaceAll(info -> info.id().value() == 0 ? info : new MachineInfo(info.id(), Life.DYING, info.series(),
                info.instance(), info.units(), info.present(), info.reported(), info.error(), info.retryRequested()));

        assertThat(plan()).containsExactly(new Terminate(m(2), "i-2"));
    }

    @Test
    void stopsInstancesWhoseMachineIsGone() {
        running(0);
        Instance orphan = new Instance("i-9", m(9), "", "running");
        instances.add(orphan);

        assertThat(plan()).containsExactly(new StopOrphan(orphan));
    }

    @Test
    void stopsASecondInstanceOfAMachineAndKeepsTheRecordedOne() {
        running(0);
        running(1, "a/0");
        Instance second = new Instance("i-0001-b", m(1), "", "running");
        instances.add(second);

        assertThat(plan()).as("two agents started machine 1 during a takeover").containsExactly(new StopOrphan(second));
    }

    @Test
    void recordsOneOfTwoUnrecordedInstancesOfAMachineAndStopsTheOther() {
        running(0);
        machines.add(new MachineInfo(m(1), Life.ALIVE, "bookworm", Optional.empty(), List.of(u("a/0")), false, false,
                Optional.empty(), false));
        Instance first = new Instance("i-1a", m(1), "", "pending");
        Instance second = new Instance("i-1b", m(1), "", "pending");
        instances.add(second);
        instances.add(first);

        assertThat(plan()).containsExactly(new RecordInstance(m(1), first), new StopOrphan(second));
    }

    @Test
    void reportsAMachineWhoseAgentNeverCameUpOnce() {
        running(0);
        machines.add(new MachineInfo(m(1), Life.ALIVE, "bookworm",
                Optional.of(new MachineInfo.InstanceRecord("i-1", "", "pending", NOW - TIMEOUT.toMillis() - 1)),
                List.of(), false, false, Optional.empty(), false));
        instances.add(new Instance("i-1", m(1), "", "pending"));
        assertThat(plan()).containsExactly(new LaunchTimedOut(m(1), 120));

        machines.set(1, new MachineInfo(m(1), Life.ALIVE, "bookworm", machines.get(1).instance(), List.of(), false, false,
                Optional.of("did not start"), false));
        assertThat(plan()).as("reported once").isEmpty();
    }

    @Test
    void aDownAgentThatOnceReportedIsNotALaunchFailure() {
        machines.add(new MachineInfo(m(1), Life.ALIVE, "bookworm",
                Optional.of(new MachineInfo.InstanceRecord("i-1", "", "running", NOW - TIMEOUT.toMillis() * 10)),
                List.of(), false, true, Optional.empty(), false));
        instances.add(new Instance("i-1", m(1), "", "running"));

        assertThat(plan()).isEmpty();
    }

    @Test
    void refreshesARecordWhoseInstanceTheProviderNowListsRunningOrWithAnotherAddress() {
        running(0);
        machines.add(new MachineInfo(m(1), Life.ALIVE, "bookworm",
                Optional.of(new MachineInfo.InstanceRecord("i-1", "172.31.0.1", "pending", NOW - 1000)),
                List.of(), true, true, Optional.empty(), false));
        machines.add(new MachineInfo(m(2), Life.ALIVE, "bookworm",
                Optional.of(new MachineInfo.InstanceRecord("i-2", "172.31.0.2", "54.0.0.2", "running", NOW - 1000)),
                List.of(), true, true, Optional.empty(), false));
        machines.add(new MachineInfo(m(3), Life.ALIVE, "bookworm",
                Optional.of(new MachineInfo.InstanceRecord("i-3", "172.31.0.3", "running", NOW - 1000)),
                List.of(), true, true, Optional.empty(), false));
        Instance nowRunning = new Instance("i-1", m(1), "172.31.0.1", "running", "54.0.0.1");
        instances.add(nowRunning);
        instances.add(new Instance("i-2", m(2), "172.31.0.2", "running", "54.0.0.2"));
        instances.add(new Instance("i-3", m(3), "", "running"));

        assertThat(plan()).as("only what changed, and an address not known now is no change")
                .containsExactly(new RefreshInstance(m(1), nowRunning));
    }

    @Test
    void opensExactlyTheWantedPorts() {
        running(1, "web/0");
        running(2, "web/1");
        Set<Port> http = Set.of(Port.parse("80"), Port.parse("443/TCP"));

        List<ProvisioningAction> actions = plan(Map.of(m(1), http, m(2), http), Map.of("i-2", http, "i-1", Set.of(Port.parse("22"))));

        assertThat(actions).containsExactly(new SetPorts(m(1), "i-1", http));
        assertThat(plan(Map.of(), Map.of("i-1", http))).containsExactly(new SetPorts(m(1), "i-1", Set.of()));
    }

    @Test
    void aMachineInErrorWithARetryRequestIsStoppedAndStartedAgain() {
        running(0);
        inError(1, true, true, "a/0");
        instances.add(new Instance("i-1", m(1), "", "running"));
        inError(2, false, true, "a/1");
        instances.add(new Instance("i-2", m(2), "", "pending"));
        inError(3, false, true);

        assertThat(plan(Map.of(m(1), Set.of(Port.parse("80"))), Map.of())).as("nothing else for a machine being retried")
                .containsExactly(new Reprovision(m(1), List.of("i-1")),
                        new Reprovision(m(2), List.of("i-2")),
                        new Reprovision(m(3), List.of()));
    }

    @Test
    void aMachineInErrorWithoutARetryRequestIsLeftAlone() {
        running(0);
        inError(1, false, false, "a/0");
        inError(2, false, false);
        instances.add(new Instance("i-2", m(2), "", "pending"));
        inError(3, true, false);
        instances.add(new Instance("i-3", m(3), "", "running"));
        unassigned.add(u("b/0"));

        assertThat(plan()).as("a failed start is not tried again, its instance is no orphan, no unit is placed there")
                .containsExactly(new AddMachineFor(u("b/0")));
    }

    @Test
    void aRetryRequestOnAMachineNotInErrorIsDiscardedAndTheMachineHandledAsUsual() {
        running(0);
        running(1, "web/0");
        requestRetry(1);
        machines.add(new MachineInfo(m(2), Life.ALIVE, "bookworm", Optional.empty(), List.of(u("a/0")), false, false,
                Optional.empty(), true));
        inError(3, true, false);
        machines.set(0, new MachineInfo(m(0), Life.ALIVE, "bookworm", machines.get(0).instance(), List.of(), false, false,
                Optional.of("did not start"), true));

        assertThat(plan(Map.of(m(1), Set.of(Port.parse("80"))), Map.of())).containsExactly(
                new DiscardRetry(m(0)),
                new DiscardRetry(m(1)), new SetPorts(m(1), "i-1", Set.of(Port.parse("80"))),
                new DiscardRetry(m(2)), new StartInstance(m(2)));
    }

    @Test
    void aDyingMachineWithARetryRequestIsTerminated() {
        inError(1, true, true);
        machines.replaceAll(info -> new MachineInfo(info.id(), Life.DYING, info.series(), info.instance(), info.units(),
                info.present(), info.reported(), info.error(), info.retryRequested()));

        assertThat(plan()).containsExactly(new Terminate(m(1), "i-1"));
    }
}
