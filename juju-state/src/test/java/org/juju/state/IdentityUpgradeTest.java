package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.ConflictException;
import org.juju.state.model.MachineId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AclSource;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Identities;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code juju upgrade-security}'s state steps on an environment bootstrapped without identities. */
class IdentityUpgradeTest {
    private static final String SECRET = "old-secret";
    private final List<CuratorFramework> clients = new ArrayList<>();
    private TestingServer server;
    private JujuState admin;
    private MachineId machine;

    @BeforeEach
    void openEnvironmentWithAnAssignedUnit() throws Exception {
        server = new TestingServer(true);
        CuratorFramework anonymous = track(StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5)));
        JujuState legacy = new JujuState(new StateStore(anonymous));
        legacy.environment().initialize(new EnvironmentInfo("old", "local", "bookworm"), Map.of("type", "local"));
        legacy.services().deploy(new Deploy(ServiceName.of("mysql"), TestCharms.mysql(), Map.of(), 1, "t"));
        machine = legacy.machines().add("bookworm");
        legacy.units().assign(UnitName.parse("mysql/0"), machine);
        admin = new JujuState(new StateStore(track(StateConnection.connect(server.getConnectString(),
                Identities.admin(SECRET), AclSource.policy(), Duration.ofSeconds(5))), AclSource.policy()));
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(CuratorFramework::close);
        server.close();
    }

    @Test
    void agentsTakeTheirIdentitiesThroughTheOpenTreeAndThenOnlyTheyGetIn() throws Exception {
        IdentityUpgrade upgrade = new IdentityUpgrade(admin.store());
        assertThat(upgrade.hasIdentities()).isFalse();

        List<String> names = upgrade.begin(SECRET);

        assertThat(names).containsExactly("provisioning", "machine-0", "machine-" + machine, "unit-mysql-0");
        assertThat(upgrade.waiting()).containsExactlyInAnyOrderElementsOf(names);
        assertThatThrownBy(() -> upgrade.begin(SECRET)).isInstanceOf(ConflictException.class);
        CuratorFramework anonymous = track(StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5)));
        AgentIdentity unit = take(anonymous, "unit-mysql-0");
        AgentIdentity machineAgent = take(anonymous, "machine-" + machine);
        assertThat(unit.credential().name()).isEqualTo("unit-mysql-0");

        int changed = upgrade.finish();

        assertThat(changed).isGreaterThan(20);
        assertThat(upgrade.waiting()).isEmpty();
        assertThatThrownBy(() -> anonymous.getData().forPath(StatePaths.providerSecrets()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        JujuState unitAgent = agent(unit);
        assertThat(unitAgent.store().read(StatePaths.serviceConfig(ServiceName.of("mysql")))).isPresent();
        assertThatThrownBy(() -> unitAgent.store().read(StatePaths.providerSecrets()))
                .isInstanceOf(org.juju.state.error.AccessDeniedException.class);
        assertThat(agent(machineAgent).store().read(StatePaths.unit(UnitName.parse("mysql/0")))).isPresent();
        assertThat(agent(Identities.provisioningAgent(SECRET)).store().read(StatePaths.providerSecrets())).isPresent();
        assertThat(admin.units().assignedCredential(machine, UnitName.parse("mysql/0")))
                .as("and the machine agent can hand it over again").contains(unit.credential());
    }

    /** What an agent does with its hand-over node. */
    private static AgentIdentity take(CuratorFramework client, String name) throws Exception {
        String path = StatePaths.identityHandover(name);
        Map<String, Object> data = YamlCodec.parseMap(new String(client.getData().forPath(path), StandardCharsets.UTF_8), path);
        client.delete().forPath(path);
        return AgentIdentity.parse(String.valueOf(data.get("credential")), path);
    }

    private JujuState agent(AgentIdentity identity) {
        AclSource acls = identity.credential().name().equals(Identities.PROVISIONING) ? AclSource.policy()
                : AclSource.agent(identity);
        return new JujuState(new StateStore(track(StateConnection.connect(server.getConnectString(),
                identity.credential(), acls, Duration.ofSeconds(5))), acls));
    }

    private CuratorFramework track(CuratorFramework client) {
        clients.add(client);
        return client;
    }
}
