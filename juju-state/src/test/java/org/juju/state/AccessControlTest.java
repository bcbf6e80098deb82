package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.juju.state.charm.CharmUrl;
import org.juju.state.error.AccessDeniedException;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AclKeeper;
import org.juju.state.security.AclPolicy;
import org.juju.state.security.AclSource;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;
import org.juju.state.security.IdentityKeys;
import org.juju.state.security.TreeAccessView;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The identities and ACLs against a real ZooKeeper server: each identity connects with its own
 * credential and tries to read and write what it must not. Services: mysql, wordpress (related
 * over db) and reporter (related to mysql over primary), one unit each, each on its own machine.
 */
class AccessControlTest {
    private static final String SECRET = "admin-s3cret";
    private static final AtomicInteger CHROOTS = new AtomicInteger();
    private static final UnitName MYSQL_0 = UnitName.parse("mysql/0");
    private static final UnitName WORDPRESS_0 = UnitName.parse("wordpress/0");
    private static final UnitName REPORTER_0 = UnitName.parse("reporter/0");
    private static TestingServer server;
    private final List<CuratorFramework> clients = new ArrayList<>();
    private String connectString;
    private JujuState admin;
    private JujuState provisioning;
    private RelationId db;
    private RelationId primary;
    private MachineId mysqlMachine;
    private MachineId wordpressMachine;
    private MachineId reporterMachine;
    private final IdentityKeys keys = IdentityKeys.create(SECRET);

    @BeforeAll
    static void startServer() throws Exception {
        server = new TestingServer(true);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void deployThreeServicesOnThreeMachines() throws Exception {
        String chroot = "/acl-" + CHROOTS.incrementAndGet();
        try (CuratorFramework root = StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5))) {
            root.create().forPath(chroot);
        }
        connectString = server.getConnectString() + chroot;
        admin = state(Identities.admin(SECRET), AclSource.policy());
        admin.environment().initialize(new EnvironmentInfo("test", "local", "bookworm"),
                Map.of("type", "local", "secret-key", "cloud-password"), Optional.of(keys));
        for (var charm : List.of(TestCharms.mysql(), TestCharms.wordpress(), TestCharms.reporter())) {
            admin.services().deploy(new Deploy(ServiceName.of(charm.metadata().name()), charm, Map.of(), 1, "t"));
        }
        db = admin.relations().add(EndpointRef.parse("wordpress"), EndpointRef.parse("mysql"));
        primary = admin.relations().add(EndpointRef.parse("reporter:primary"), EndpointRef.parse("mysql"));
        provisioning = state(Identities.provisioning(SECRET), AclSource.policy());
        mysqlMachine = provisioning.machines().add("bookworm");
        wordpressMachine = provisioning.machines().add("bookworm");
        reporterMachine = provisioning.machines().add("bookworm");
        provisioning.units().assign(MYSQL_0, mysqlMachine);
        provisioning.units().assign(WORDPRESS_0, wordpressMachine);
        provisioning.units().assign(REPORTER_0, reporterMachine);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(CuratorFramework::close);
    }

    @Test
    void anAnonymousClientCannotListOrReadAnyNode() throws Exception {
        new AclKeeper(provisioning.store(), 1).reconcile();
        CuratorFramework anonymous = track(StateConnection.connect(connectString, Duration.ofSeconds(5)));
        List<String> paths = org.juju.state.testing.TreeDump.paths(admin.store().client());
        assertThat(paths).hasSizeGreaterThan(40).contains(StatePaths.providerSecrets(), StatePaths.identityKeys());

        for (String path : paths) {
            assertThatThrownBy(() -> anonymous.getData().forPath(path)).as(path)
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> anonymous.getChildren().forPath(path)).as(path)
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
        assertThatThrownBy(() -> anonymous.create().forPath("/intruder"))
                .isInstanceOf(KeeperException.NoAuthException.class);
    }

    @Test
    void aUnitAgentReadsItsServiceAndRelationsAndNothingElse() {
        JujuState wordpress = unitAgent(WORDPRESS_0, wordpressMachine);
        StateStore store = wordpress.store();

        assertThat(store.read(StatePaths.service(ServiceName.of("wordpress")))).isPresent();
        assertThat(store.read(StatePaths.serviceConfig(ServiceName.of("wordpress")))).isPresent();
        assertThat(store.read(StatePaths.unitStatus(WORDPRESS_0))).isPresent();
        assertThat(store.read(StatePaths.relation(db))).isPresent();
        assertThat(store.read(StatePaths.charm(CharmUrl.parse("local:bookworm/wordpress-1", null).quoted()))).isPresent();
        assertThat(store.read(StatePaths.machineInstance(wordpressMachine))).isEmpty();

        for (String forbidden : List.of(StatePaths.providerSecrets(), StatePaths.identityKeys(),
                StatePaths.serviceConfig(ServiceName.of("mysql")), StatePaths.relation(primary),
                StatePaths.relationSettings(primary), StatePaths.machine(mysqlMachine), StatePaths.machines(),
                StatePaths.unit(MYSQL_0), StatePaths.environment(), StatePaths.unassignedUnits(),
                StatePaths.charm(CharmUrl.parse("local:bookworm/mysql-1", null).quoted()))) {
            assertThatThrownBy(() -> store.read(forbidden)).as(forbidden).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void anAgentSeesItsOwnPresenceNodeButNotAnothersAndDeletesNeither() throws Exception {
        JujuState mysql = unitAgent(MYSQL_0, mysqlMachine);
        JujuState wordpress = unitAgent(WORDPRESS_0, wordpressMachine);
        for (var agent : List.of(Map.entry(mysql, MYSQL_0), Map.entry(wordpress, WORDPRESS_0))) {
            // As the agents' Presence creates it: an ephemeral node with the ACL of its AclSource.
            agent.getKey().store().client().create().withMode(org.apache.zookeeper.CreateMode.EPHEMERAL)
                    .forPath(StatePaths.unitPresence(agent.getValue()));
        }

        // Curator's PersistentNode watches the node it keeps with exists(), which needs READ.
        assertThat(mysql.store().client().checkExists().forPath(StatePaths.unitPresence(MYSQL_0))).isNotNull();
        assertThatThrownBy(() -> mysql.store().client().checkExists().forPath(StatePaths.unitPresence(WORDPRESS_0)))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> mysql.store().client().delete().forPath(StatePaths.unitPresence(WORDPRESS_0)))
                .as("no agent removes another's presence").isInstanceOf(KeeperException.NoAuthException.class);
    }

    @Test
    void aUnitAgentWritesOnlyItsOwnStatusPortsAndRelationSettings() {
        JujuState mysql = unitAgent(MYSQL_0, mysqlMachine);
        JujuState wordpress = unitAgent(WORDPRESS_0, wordpressMachine);
        mysql.relations().join(db, MYSQL_0, Map.of("private-address", "10.0.0.1"));
        wordpress.relations().join(db, WORDPRESS_0, Map.of("private-address", "10.0.0.2"));
        wordpress.units().commitHook(WORDPRESS_0, new HookWrites(Map.of(db, Map.of("user", "wp")), Set.of("80/tcp"),
                Set.of(), null, null));

        assertThat(mysql.store().read(StatePaths.relationUnitSettings(db, WORDPRESS_0)).orElseThrow().data())
                .containsEntry("user", "wp");
        assertThat(admin.units().openPorts(WORDPRESS_0)).containsExactly("80/tcp");
        assertThatThrownBy(() -> wordpress.units().commitHook(MYSQL_0, new HookWrites(Map.of(db, Map.of("password", "x")),
                Set.of(), Set.of(), null, null)))
                .as("another unit's settings, ports and status").isInstanceOf(AccessDeniedException.class);
        assertThat(admin.store().read(StatePaths.relationUnitSettings(db, MYSQL_0)).orElseThrow().data())
                .doesNotContainKey("password");
        CuratorFramework raw = wordpress.store().client();
        for (String path : List.of(StatePaths.relationUnitSettings(db, MYSQL_0), StatePaths.unit(MYSQL_0),
                StatePaths.unitStatus(MYSQL_0), StatePaths.unit(WORDPRESS_0), StatePaths.machine(wordpressMachine),
                StatePaths.machineUnits(wordpressMachine), StatePaths.service(ServiceName.of("wordpress")),
                StatePaths.serviceConfig(ServiceName.of("wordpress")))) {
            assertThatThrownBy(() -> raw.setData().forPath(path, "{}".getBytes(StandardCharsets.UTF_8))).as(path)
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
        assertThatThrownBy(() -> wordpress.relations().join(primary, WORDPRESS_0, Map.of()))
                .as("a relation of another service").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> unitAgent(REPORTER_0, null).store().read(StatePaths.relationUnitSettings(db, MYSQL_0)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aUnitAgentReadsTheHookRetryOptionsAndRecordsOnlyItsOwnStatusHistory() {
        JujuState mysql = unitAgent(MYSQL_0, mysqlMachine);
        java.time.Instant now = java.time.Instant.parse("2026-11-27T17:00:00Z");

        assertThat(mysql.environment().hookRetry()).isEqualTo(HookRetryPolicy.DEFAULT);
        assertThat(mysql.store().read(StatePaths.settings())).as("readable, not only defaulted").isPresent();
        mysql.units().updateStatus(MYSQL_0, Map.of("agent-state", "start-error"), StatusEvent.note(now, "start", "failed"));
        assertThat(admin.units().statusHistory(MYSQL_0).entries()).extracting(StatusHistory.Entry::state)
                .containsExactly("start-error");
        assertThatThrownBy(() -> mysql.units().updateStatus(WORDPRESS_0, Map.of("agent-state", "started")))
                .as("another unit's status and history").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> mysql.store().read(StatePaths.unitStatusHistory(WORDPRESS_0)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theProvisioningAgentReadsCredentialsButNotRelationSettings() {
        unitAgent(MYSQL_0, mysqlMachine).relations().join(db, MYSQL_0, Map.of("password", "db-secret"));
        new AclKeeper(provisioning.store(), 1).reconcile();

        assertThat(provisioning.store().read(StatePaths.providerSecrets()).orElseThrow().data())
                .containsEntry("secret-key", "cloud-password");
        assertThatThrownBy(() -> provisioning.store().read(StatePaths.relationUnitSettings(db, MYSQL_0)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aMachineAgentReadsItsMachineAndItsUnitsOnly() {
        JujuState machine = agent(provisioning.machines().credential(mysqlMachine).orElseThrow());
        StateStore store = machine.store();

        assertThat(store.read(StatePaths.machine(mysqlMachine))).isPresent();
        assertThat(store.children(StatePaths.machineUnits(mysqlMachine))).containsExactly(MYSQL_0.key());
        assertThat(store.read(StatePaths.unit(MYSQL_0))).isPresent();
        assertThat(store.read(StatePaths.charm(CharmUrl.parse("local:bookworm/mysql-1", null).quoted()))).isPresent();
        machine.machines().setStatus(mysqlMachine, "started", null);
        assertThat(admin.store().read(StatePaths.machineStatus(mysqlMachine)).orElseThrow().string("agent-state"))
                .isEqualTo("started");

        for (String forbidden : List.of(StatePaths.providerSecrets(), StatePaths.machine(wordpressMachine),
                StatePaths.unit(WORDPRESS_0), StatePaths.serviceConfig(ServiceName.of("mysql")),
                StatePaths.machineUnits(wordpressMachine))) {
            assertThatThrownBy(() -> store.read(forbidden)).as(forbidden).isInstanceOf(AccessDeniedException.class);
        }
        assertThatThrownBy(() -> machine.machines().setStatus(wordpressMachine, "started", null))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aMachineAgentEmptiesTheAssignmentMarkersOfItsUnitsTogetherAndNoOthers() {
        UnitName second = admin.units().add(ServiceName.of("mysql"), 1).get(0);
        provisioning.units().assign(second, mysqlMachine);
        JujuState machine = agent(provisioning.machines().credential(mysqlMachine).orElseThrow());
        assertThat(provisioning.units().assignedCredential(mysqlMachine, second)).isPresent();

        machine.units().forgetAssignedCredentials(mysqlMachine, List.of(MYSQL_0, second));

        for (UnitName unit : List.of(MYSQL_0, second)) {
            assertThat(provisioning.units().assignedCredential(mysqlMachine, unit)).as(unit.toString()).isEmpty();
            assertThat(admin.store().exists(StatePaths.machineUnit(mysqlMachine, unit))).as(unit.toString()).isTrue();
        }
        assertThat(provisioning.units().assignedCredential(wordpressMachine, WORDPRESS_0)).isPresent();
        assertThatThrownBy(() -> machine.units().forgetAssignedCredentials(wordpressMachine, List.of(WORDPRESS_0)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aRemovedUnitsAndATerminatedMachinesIdentitiesAreRefused() {
        JujuState mysql = unitAgent(MYSQL_0, mysqlMachine);
        Credential machineCredential = provisioning.machines().credential(mysqlMachine).orElseThrow();
        JujuState machine = agent(machineCredential);
        assertThat(mysql.store().read(StatePaths.serviceConfig(ServiceName.of("mysql")))).isPresent();

        admin.units().remove(List.of(MYSQL_0));
        machine.units().removeDead(MYSQL_0);
        new AclKeeper(provisioning.store(), 1).reconcile();

        assertThatThrownBy(() -> mysql.store().read(StatePaths.serviceConfig(ServiceName.of("mysql"))))
                .as("the removed unit's open session").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> mysql.store().read(StatePaths.service(ServiceName.of("mysql"))))
                .isInstanceOf(AccessDeniedException.class);

        admin.machines().terminate(List.of(mysqlMachine));
        provisioning.machines().remove(mysqlMachine);
        new AclKeeper(provisioning.store(), 1).reconcile();
        JujuState again = agent(machineCredential);
        assertThatThrownBy(() -> again.store().children(StatePaths.presence()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> again.store().client().create().forPath(StatePaths.machinePresence(mysqlMachine)))
                .as("presence of the terminated machine").isInstanceOf(KeeperException.NoAuthException.class);
    }

    @Test
    void aUnitAddedLaterReadsItsRelationsAsSoonAsItIsAssigned() {
        unitAgent(MYSQL_0, mysqlMachine).relations().join(db, MYSQL_0, Map.of("host", "db.local"));
        UnitName second = admin.units().add(ServiceName.of("wordpress"), 1).get(0);

        provisioning.units().assign(second, wordpressMachine);

        assertThat(unitAgent(second, wordpressMachine).store().read(StatePaths.relationUnitSettings(db, MYSQL_0))
                .orElseThrow().data()).containsEntry("host", "db.local");
    }

    @Test
    void unitsAssignedTogetherEachReadTheirServiceAndRelationsAndAFailedOneHoldsNoneBack() {
        unitAgent(MYSQL_0, mysqlMachine).relations().join(db, MYSQL_0, Map.of("host", "db.local"));
        List<UnitName> added = admin.units().add(ServiceName.of("wordpress"), 3);
        MachineId shared = provisioning.machines().add("bookworm");
        MachineId other = provisioning.machines().add("bookworm");

        Map<UnitName, org.juju.state.error.JujuException> failed = provisioning.units().assignAll(List.of(
                new UnitState.Assignment(added.get(0), shared), new UnitState.Assignment(WORDPRESS_0, shared),
                new UnitState.Assignment(added.get(1), shared), new UnitState.Assignment(added.get(2), other)));

        assertThat(failed).containsOnlyKeys(WORDPRESS_0);
        assertThat(failed.get(WORDPRESS_0)).hasMessageContaining("already assigned to machine " + wordpressMachine);
        assertThat(provisioning.units().machine(added.get(0))).contains(shared);
        assertThat(provisioning.units().machine(added.get(1))).contains(shared);
        assertThat(provisioning.units().machine(added.get(2))).contains(other);
        assertThat(provisioning.units().unassigned()).doesNotContainAnyElementsOf(added);
        assertThat(provisioning.units().machine(WORDPRESS_0)).contains(wordpressMachine);
        for (UnitName unit : added) {
            MachineId machine = unit.equals(added.get(2)) ? other : shared;
            StateStore store = unitAgent(unit, machine).store();
            assertThat(store.read(StatePaths.service(ServiceName.of("wordpress")))).as(unit.toString()).isPresent();
            assertThat(store.read(StatePaths.unitStatus(unit))).as(unit.toString()).isPresent();
            assertThat(store.read(StatePaths.relationUnitSettings(db, MYSQL_0)).orElseThrow().data())
                    .containsEntry("host", "db.local");
        }
        JujuState sharedAgent = agent(provisioning.machines().credential(shared).orElseThrow());
        assertThat(sharedAgent.store().children(StatePaths.machineUnits(shared)))
                .containsExactlyInAnyOrder(added.get(0).key(), added.get(1).key());
    }

    @Test
    void aRelationAddedBetweenAssignedUnitsIsOpenToThemAndTheirMachinesAtOnce() {
        JujuState mysql = unitAgent(MYSQL_0, mysqlMachine);
        JujuState reporter = unitAgent(REPORTER_0, reporterMachine);
        JujuState reporterMachineAgent = agent(provisioning.machines().credential(reporterMachine).orElseThrow());

        RelationId archive = admin.relations().add(EndpointRef.parse("reporter:archive"), EndpointRef.parse("mysql"));

        // No ACL pass between the add and the units' first reads and joins.
        assertThat(mysql.store().read(StatePaths.relation(archive))).isPresent();
        assertThat(mysql.relations().relationsOf(ServiceName.of("mysql"))).containsEntry(archive, "db");
        assertThat(reporter.relations().relationsOf(ServiceName.of("reporter"))).containsEntry(archive, "archive");
        mysql.relations().join(archive, MYSQL_0, Map.of("host", "db.local"));
        reporter.relations().join(archive, REPORTER_0, Map.of("private-address", "10.0.0.3"));
        assertThat(reporter.store().children(StatePaths.relationMembers(archive)))
                .containsExactlyInAnyOrder(MYSQL_0.key(), REPORTER_0.key());
        assertThat(reporter.store().read(StatePaths.relationUnitSettings(archive, MYSQL_0)).orElseThrow().data())
                .containsEntry("host", "db.local");
        assertThat(mysql.store().read(StatePaths.relationUnitSettings(archive, REPORTER_0)).orElseThrow().data())
                .containsEntry("private-address", "10.0.0.3");
        assertThat(reporterMachineAgent.store().read(StatePaths.relationUnitSettings(archive, MYSQL_0))).isPresent();
        assertThatThrownBy(() -> unitAgent(WORDPRESS_0, wordpressMachine).store().read(StatePaths.relation(archive)))
                .as("a unit of a service outside the relation").isInstanceOf(AccessDeniedException.class);
        Object readers = admin.store().read(StatePaths.relationSettings(archive)).orElseThrow().data()
                .get(AclPolicy.READERS);
        assertThat(readers).asList().hasSize(4);
        assertThat(new AclKeeper(provisioning.store(), 1).reconcile(List.of(StatePaths.relation(archive),
                StatePaths.serviceRelations(ServiceName.of("mysql")), StatePaths.serviceRelations(ServiceName.of("reporter"))),
                new TreeAccessView(provisioning.store())))
                .as("nodes the ACL keeper would still have to fix").isZero();
        assertThat(admin.store().read(StatePaths.relationSettings(archive)).orElseThrow().data())
                .containsEntry(AclPolicy.READERS, readers);
    }

    @Test
    void agentsAppendLogRecordsThatOnlyTheAdminReadsAndTheProvisioningAgentTrims() throws Exception {
        JujuState mysql = unitAgent(MYSQL_0, mysqlMachine);
        JujuState wordpress = unitAgent(WORDPRESS_0, wordpressMachine);
        Credential machineCredential = provisioning.machines().credential(mysqlMachine).orElseThrow();
        JujuState machine = agent(machineCredential);

        String own = appendRecord(mysql, AgentIdentity.of(provisioning.units().assignedCredential(mysqlMachine, MYSQL_0)
                .orElseThrow(), keys), "unit:mysql/0");
        String other = appendRecord(wordpress, AgentIdentity.of(provisioning.units().assignedCredential(wordpressMachine,
                WORDPRESS_0).orElseThrow(), keys), "unit:wordpress/0");
        appendRecord(machine, AgentIdentity.of(machineCredential, keys), "machine:" + mysqlMachine);

        assertThat(admin.store().read(own).orElseThrow().data()).containsEntry("context", "unit:mysql/0")
                .containsEntry("level", "INFO");
        assertThat(provisioning.store().read(other)).isPresent();
        CuratorFramework raw = mysql.store().client();
        for (String record : List.of(own, other)) {
            assertThatThrownBy(() -> raw.getData().forPath(record)).as(record)
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
        assertThatThrownBy(() -> raw.getChildren().forPath(StatePaths.logs()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> raw.delete().forPath(other)).isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> raw.setData().forPath(other, new byte[0]))
                .isInstanceOf(KeeperException.NoAuthException.class);

        assertThat(LogRecords.trim(provisioning.store().client(), 1)).isEqualTo(2);
        assertThat(admin.store().children(StatePaths.logs())).hasSize(1);
    }

    private static String appendRecord(JujuState agent, AgentIdentity identity, String context) throws Exception {
        byte[] record = LogRecords.encode(java.time.Instant.now(), context, "INFO", "hello");
        var results = agent.store().client().getZookeeperClient().getZooKeeper()
                .multi(List.of(LogRecords.append(record, LogRecords.acl(Optional.of(identity)))));
        String created = ((org.apache.zookeeper.OpResult.CreateResult) results.get(0)).getPath();
        // The raw client's results name the chroot too.
        return StatePaths.logs() + created.substring(created.lastIndexOf('/'));
    }

    private JujuState unitAgent(UnitName unit, MachineId machine) {
        Credential credential = machine == null
                ? new Credential(Identities.unit(unit), "guessed-password")
                : provisioning.units().assignedCredential(machine, unit).orElseThrow();
        return agent(credential);
    }

    private JujuState agent(Credential credential) {
        return state(credential, AclSource.agent(AgentIdentity.of(credential, keys)));
    }

    private JujuState state(Credential credential, AclSource acls) {
        CuratorFramework client = track(StateConnection.connect(connectString, credential, acls, Duration.ofSeconds(5)));
        return new JujuState(new StateStore(client, acls));
    }

    private CuratorFramework track(CuratorFramework client) {
        clients.add(client);
        return client;
    }
}
