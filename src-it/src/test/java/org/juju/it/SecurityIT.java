package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.juju.state.JujuState;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.juju.state.store.StateConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Least privilege end to end: a local environment of process machines bootstrapped by the real
 * {@code bin/juju}, real agents, and clients that try to break in with no identity and with the
 * identities the agents were given (read from their credential files, as an attacker on that
 * machine would).
 */
class SecurityIT {
    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private static final Path RECORDER_REPO = Path.of("src/test/resources/charms").toAbsolutePath();
    @RegisterExtension
    final BootstrappedEnvironment environment = BootstrappedEnvironment.local("");
    private final List<CuratorFramework> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(CuratorFramework::close);
    }

    /**
     * recorder (two units) related to other (one unit), and a third service alone; returns once
     * the relation's hooks ran, every machine agent is present and alone/0 joined its peer relation.
     */
    private RelationId deployRelatedRecorders() throws Exception {
        environment.ok("deploy", "--repository", RECORDER_REPO.toString(), "local:recorder");
        environment.ok("deploy", "--repository", RECORDER_REPO.toString(), "local:recorder", "other");
        environment.ok("deploy", "--repository", RECORDER_REPO.toString(), "local:recorder", "alone");
        environment.ok("set", "other", "marker=from-other");
        environment.ok("add-relation", "recorder:rec", "other:other");
        RelationId rel = TreeReads.relationOf(environment.state(), "recorder", "rec");
        RelationId alonePeers = TreeReads.relationOf(environment.state(), "alone", "mates");
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(TreeReads.settings(environment.state(), rel, "recorder/0")).containsKey("seen-other-0");
            assertThat(TreeReads.settings(environment.state(), rel, "other/0")).containsKey("seen-recorder-0");
            // The tests below try alone/0's settings in its peer relation: they exist once it joined.
            assertThat(TreeReads.settings(environment.state(), alonePeers, "alone/0")).as("alone/0 joined its peers")
                    .isNotEmpty();
            for (MachineId machine : environment.state().machines().ids()) {
                assertThat(environment.state().store().exists(StatePaths.machinePresence(machine)))
                        .as("machine %s's agent is present (its identity may create its presence node)", machine).isTrue();
            }
        });
        return rel;
    }

    @Test
    void nobodyWithoutAnIdentityReadsOrWritesAnything() throws Exception {
        deployRelatedRecorders();
        CuratorFramework anonymous = track(StateConnection.connect(environment.address(), Duration.ofSeconds(10)));
        List<String> paths = org.juju.state.testing.TreeDump.paths(environment.client());
        assertThat(paths).contains(StatePaths.providerSecrets(), StatePaths.identityKeys()).hasSizeGreaterThan(60);

        for (String path : paths) {
            assertThatThrownBy(() -> anonymous.getData().forPath(path)).as(path)
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> anonymous.getChildren().forPath(path)).as(path)
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> anonymous.setData().forPath(path, new byte[0])).as(path)
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
        assertThat(environment.ok("status").out()).as("the admin still reads it").contains("recorder/0");
    }

    @Test
    void aUnitAgentsIdentityIsConfinedToItsUnitServiceAndRelations() throws Exception {
        RelationId rel = deployRelatedRecorders();
        UnitName recorder = UnitName.parse("recorder/0");
        Path file = unitDir(recorder).resolve(Credential.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        CuratorFramework unit = as(file);
        RelationId alonePeers = TreeReads.relationOf(environment.state(), "alone", "mates");

        assertThat(unit.getData().forPath(StatePaths.relationUnitSettings(rel, UnitName.parse("other/0")))).isNotEmpty();
        assertThat(unit.getData().forPath(StatePaths.serviceConfig(ServiceName.of("recorder")))).isNotNull();
        for (String forbidden : List.of(StatePaths.providerSecrets(), StatePaths.identityKeys(),
                StatePaths.serviceConfig(ServiceName.of("other")), StatePaths.serviceConfig(ServiceName.of("alone")),
                StatePaths.relation(alonePeers), StatePaths.relationSettings(alonePeers),
                StatePaths.relationUnitSettings(alonePeers, UnitName.parse("alone/0")), StatePaths.machines(),
                StatePaths.unit(UnitName.parse("other/0")), StatePaths.environment())) {
            assertThatThrownBy(() -> unit.getData().forPath(forbidden)).as("read " + forbidden)
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
        MachineId itsMachine = environment.state().units().machine(recorder).orElseThrow();
        for (String forbidden : List.of(StatePaths.relationUnitSettings(rel, UnitName.parse("other/0")),
                StatePaths.unit(UnitName.parse("other/0")), StatePaths.unitStatus(UnitName.parse("other/0")),
                StatePaths.unit(recorder), StatePaths.machine(itsMachine), StatePaths.machineStatus(itsMachine),
                StatePaths.machine(MachineId.BOOTSTRAP), StatePaths.serviceConfig(ServiceName.of("recorder")))) {
            assertThatThrownBy(() -> unit.setData().forPath(forbidden, "{}".getBytes(StandardCharsets.UTF_8)))
                    .as("write " + forbidden).isInstanceOf(KeeperException.NoAuthException.class);
        }
    }

    @Test
    void aHookCannotWriteARelationOfAnotherService() throws Exception {
        RelationId rel = deployRelatedRecorders();
        RelationId alonePeers = TreeReads.relationOf(environment.state(), "alone", "mates");
        Map<String, Object> before = TreeReads.settings(environment.state(), rel, "other/0");

        environment.ok("set", "recorder", "probe-relation=mates:" + alonePeers.value());

        Path probeLog = unitDir(UnitName.parse("recorder/0")).resolve("probe-log");
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).until(() -> Files.exists(probeLog));
        String outcome = Files.readString(probeLog).strip();
        assertThat(outcome).as("relation-set -r on a foreign relation").doesNotStartWith("0 ")
                .contains(String.valueOf(alonePeers.value()));
        assertThat(TreeReads.settings(environment.state(), rel, "other/0")).isEqualTo(before);
        assertThat(environment.state().store().children(StatePaths.relationSettings(alonePeers)))
                .doesNotContain("recorder-0");
    }

    @Test
    void aMachineAgentsIdentityReadsOnlyItsMachineAndItsUnits() throws Exception {
        deployRelatedRecorders();
        UnitName recorder = UnitName.parse("recorder/0");
        MachineId itsMachine = environment.state().units().machine(recorder).orElseThrow();
        MachineId otherMachine = environment.state().units().machine(UnitName.parse("other/0")).orElseThrow();
        CuratorFramework machine = as(environment.dataDir().resolve("machines").resolve(itsMachine.toString())
                .resolve(Credential.FILE_NAME));

        assertThat(machine.getChildren().forPath(StatePaths.machineUnits(itsMachine))).containsExactly(recorder.key());
        assertThat(machine.getData().forPath(StatePaths.unit(recorder))).isNotEmpty();
        for (String forbidden : List.of(StatePaths.providerSecrets(), StatePaths.machine(otherMachine),
                StatePaths.machineUnits(otherMachine), StatePaths.unit(UnitName.parse("other/0")),
                StatePaths.serviceConfig(ServiceName.of("recorder")), StatePaths.identityKeys())) {
            assertThatThrownBy(() -> machine.getData().forPath(forbidden)).as("read " + forbidden)
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
        for (String forbidden : List.of(StatePaths.machineStatus(otherMachine), StatePaths.machine(itsMachine),
                StatePaths.unit(UnitName.parse("other/0")), StatePaths.service(ServiceName.of("recorder")))) {
            assertThatThrownBy(() -> machine.setData().forPath(forbidden, "{}".getBytes(StandardCharsets.UTF_8)))
                    .as("write " + forbidden).isInstanceOf(KeeperException.NoAuthException.class);
        }
    }

    @Test
    void removedUnitsAndTerminatedMachinesLoseTheirIdentities() throws Exception {
        deployRelatedRecorders();
        UnitName recorder = UnitName.parse("recorder/0");
        MachineId itsMachine = environment.state().units().machine(recorder).orElseThrow();
        Path unitFile = unitDir(recorder).resolve(Credential.FILE_NAME);
        Path machineFile = environment.dataDir().resolve("machines").resolve(itsMachine.toString())
                .resolve(Credential.FILE_NAME);
        byte[] unitIdentity = Files.readAllBytes(unitFile);
        Path kept = environment.home().resolve("kept-unit-credential");
        Files.write(kept, unitIdentity);
        Files.setPosixFilePermissions(kept, java.util.Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        CuratorFramework unitSession = as(kept);
        assertThat(unitSession.getData().forPath(StatePaths.service(ServiceName.of("recorder")))).isNotEmpty();

        environment.ok("remove-unit", "recorder/0");
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThatThrownBy(() -> unitSession.getData().forPath(StatePaths.service(ServiceName.of("recorder"))))
                        .as("the removed unit's session").isInstanceOf(KeeperException.NoAuthException.class));
        assertThatThrownBy(() -> as(kept).getData().forPath(StatePaths.service(ServiceName.of("recorder"))))
                .as("a new session with the removed unit's identity").isInstanceOf(KeeperException.NoAuthException.class);

        Path keptMachine = environment.home().resolve("kept-machine-credential");
        Files.copy(machineFile, keptMachine);
        environment.ok("terminate-machine", itsMachine.toString());
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200))
                .until(() -> !environment.state().machines().ids().contains(itsMachine));
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThatThrownBy(() -> as(keptMachine).create().forPath(StatePaths.machinePresence(itsMachine)))
                        .as("the terminated machine's identity").isInstanceOf(KeeperException.NoAuthException.class));
    }

    private Path unitDir(UnitName unit) {
        MachineId machine = environment.state().units().machine(unit).orElseThrow();
        return environment.dataDir().resolve("machines").resolve(machine.toString()).resolve("units").resolve(unit.key());
    }

    /** A client that authenticates with the identity in {@code credentialFile}. */
    private CuratorFramework as(Path credentialFile) throws java.io.IOException {
        AgentIdentity identity = AgentIdentity.readFrom(credentialFile).orElseThrow();
        return track(StateConnection.connect(environment.address(), identity.credential(),
                org.juju.state.security.AclSource.agent(identity), Duration.ofSeconds(10)));
    }

    private CuratorFramework track(CuratorFramework client) {
        clients.add(client);
        return client;
    }
}
