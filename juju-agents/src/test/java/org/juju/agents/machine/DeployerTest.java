package org.juju.agents.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.juju.state.CharmRecord;
import org.juju.state.Deploy;
import org.juju.state.JujuState;
import org.juju.state.charm.BundleFile;
import org.juju.state.charm.Charm;
import org.juju.state.charm.CharmBundle;
import org.juju.state.charm.CharmDirectory;
import org.juju.state.model.MachineId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployerTest {
    private static final UnitName UNIT = UnitName.parse("app/0");
    @TempDir
    Path dir;
    private TestEnvironment environment;
    private JujuState state;
    private MachineId machine;
    private final RecordingProcesses processes = new RecordingProcesses();

    @BeforeEach
    void start() throws Exception {
        environment = TestEnvironment.start();
        state = environment.state();
        machine = state.machines().add("bookworm");
    }

    @AfterEach
    void stop() throws Exception {
        environment.close();
    }

    private CharmRecord publishCharm(String sha256Override) throws Exception {
        Path charmDir = Files.createDirectories(dir.resolve("repo/app"));
        Files.writeString(charmDir.resolve("metadata.yaml"), "name: app\nsummary: s\ndescription: d\n");
        Files.writeString(charmDir.resolve("revision"), "1\n");
        Path hooks = Files.createDirectories(charmDir.resolve("hooks"));
        Files.writeString(hooks.resolve("install"), "#!/bin/sh\nexit 0\n");
        hooks.resolve("install").toFile().setExecutable(true);
        Charm charm = CharmDirectory.read(charmDir);
        BundleFile bundle = CharmBundle.write(charmDir, dir.resolve("storage/app.charm"));
        CharmRecord record = new CharmRecord(charm.localUrl("bookworm"), sha256Override != null ? sha256Override : bundle.sha256(),
                bundle.size(), bundle.path().toUri().toString(), charm.metadata(), charm.config());
        state.services().deploy(new Deploy(ServiceName.of("app"), record, Map.of(), 1, "t"));
        state.units().assign(UNIT, machine);
        return record;
    }

    private Deployer deployer() {
        return new Deployer(state, machine, dir.resolve("machine"), processes);
    }

    @Test
    void deploysAnAssignedUnitWithItsCharmUnpackedAndStartsItsAgent() throws Exception {
        publishCharm(null);

        assertThat(deployer().reconcile()).containsExactly(UNIT);

        Path hook = dir.resolve("machine/units/app-0/charm/hooks/install");
        assertThat(Files.isExecutable(hook)).as("modes kept").isTrue();
        assertThat(processes.running()).containsExactly(UNIT);
        assertThat(deployer().reconcile()).as("idempotent").isEmpty();
    }

    @Test
    void aBundleWhoseSha256DiffersIsNotDeployedAndTheUnitShowsWhy() throws Exception {
        publishCharm("0".repeat(64));

        assertThat(deployer().reconcile()).isEmpty();

        assertThat(processes.running()).isEmpty();
        assertThat(Files.exists(dir.resolve("machine/units/app-0/charm"))).isFalse();
        assertThat(state.units().status(UNIT)).containsEntry("agent-state", "install-error")
                .hasEntrySatisfying("message", m -> assertThat(String.valueOf(m)).contains("sha256"));
    }

    @Test
    void aFinishedUnitIsRemovedFromTheTreeAndTheMachine() throws Exception {
        publishCharm(null);
        deployer().reconcile();
        state.units().remove(List.of(UNIT));
        state.units().reportStatus(UNIT, Map.of("agent-state", "stopped"));

        deployer().reconcile();

        assertThat(processes.running()).isEmpty();
        assertThat(state.units().unitsOf(ServiceName.of("app"))).isEmpty();
        assertThat(Files.exists(dir.resolve("machine/units/app-0"))).isFalse();
    }

    @Test
    void aUnitRemovedBeforeItsCharmCouldBeDeployedIsRemovedWithoutAnAgent() throws Exception {
        publishCharm("0".repeat(64));
        deployer().reconcile();
        assertThat(state.units().status(UNIT)).containsEntry("agent-state", "install-error");

        state.units().remove(List.of(UNIT));
        assertThat(deployer().reconcile()).isEmpty();

        assertThat(processes.running()).isEmpty();
        assertThat(state.units().unitsOf(ServiceName.of("app"))).isEmpty();
        assertThat(state.store().children(org.juju.state.path.StatePaths.machineUnits(machine))).isEmpty();
        assertThat(Files.exists(dir.resolve("machine/units/app-0"))).isFalse();
    }

    @Test
    void aUnitNoLongerAssignedIsStoppedAndItsDirectoryRemoved() throws Exception {
        publishCharm(null);
        deployer().reconcile();
        Files.createDirectories(dir.resolve("machine/units/ghost-3/charm"));
        processes.start(UnitName.parse("ghost/3"), dir.resolve("machine/units/ghost-3"));

        deployer().reconcile();

        assertThat(processes.running()).containsExactly(UNIT);
        assertThat(Files.exists(dir.resolve("machine/units/ghost-3"))).isFalse();
    }

    @Test
    void theUnitsAssignedTogetherAreDeployedInOneRoundAndAnUnrelatedMachinesUnitIsLeftAlone() throws Exception {
        publishCharm(null);
        List<UnitName> more = state.units().add(ServiceName.of("app"), 3);
        state.units().assign(more.get(0), machine);
        state.units().assign(more.get(1), machine);
        MachineId other = state.machines().add("bookworm");
        state.units().assign(more.get(2), other);

        assertThat(deployer().reconcile()).containsExactlyInAnyOrder(UNIT, more.get(0), more.get(1));

        assertThat(processes.running()).containsExactlyInAnyOrder(UNIT, more.get(0), more.get(1));
        for (UnitName unit : List.of(UNIT, more.get(0), more.get(1))) {
            assertThat(Files.isExecutable(dir.resolve("machine/units/" + unit.key() + "/charm/hooks/install"))).as(unit.toString())
                    .isTrue();
        }
        assertThat(Files.exists(dir.resolve("machine/units/" + more.get(2).key()))).isFalse();
    }

    @Test
    void aUnitsStatusIsFollowedOnlyFromTheRoundThatSeesItDyingUntilItIsRemoved() throws Exception {
        publishCharm(null);
        Deployer deployer = deployer();
        deployer.reconcile();
        assertThat(deployer.followsStatusOf(UNIT)).as("alive: its status changes need no round").isFalse();
        assertThat(MachineAgentLoop.unreadByRounds(StatePaths.unitStatus(UNIT), deployer)).isTrue();
        assertThat(MachineAgentLoop.unreadByRounds(StatePaths.unit(UNIT), deployer)).as("its life").isFalse();

        state.units().remove(List.of(UNIT));
        deployer.reconcile();
        assertThat(deployer.followsStatusOf(UNIT)).as("dying: its agent's stop is awaited").isTrue();
        assertThat(MachineAgentLoop.unreadByRounds(StatePaths.unitStatus(UNIT), deployer)).isFalse();
        assertThat(MachineAgentLoop.unreadByRounds(StatePaths.unitStatusHistory(UNIT), deployer)).isTrue();
        assertThat(processes.running()).containsExactly(UNIT);

        state.units().reportStatus(UNIT, Map.of("agent-state", "stopped"));
        deployer.reconcile();
        assertThat(deployer.followsStatusOf(UNIT)).as("removed").isFalse();
        assertThat(processes.running()).isEmpty();
    }

    /** Records starts and stops instead of running unit agents. */
    static final class RecordingProcesses implements UnitProcesses {
        private final Set<UnitName> running = new HashSet<>();

        @Override
        public void start(UnitName unit, Path unitDir) {
            running.add(unit);
        }

        @Override
        public void stop(UnitName unit) {
            running.remove(unit);
        }

        @Override
        public Set<UnitName> running() {
            return Set.copyOf(running);
        }
    }
}
