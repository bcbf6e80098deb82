package org.juju.agents.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.juju.agents.provisioning.GatedMachines.Gate;
import org.juju.provider.Instance;
import org.juju.provider.MachineProvider;
import org.juju.state.JujuState;
import org.juju.state.MachineInfo;
import org.juju.state.model.MachineId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;
import org.juju.state.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provisioning loops on a real ZooKeeper under connection faults: a leader whose session expires
 * while the provider is starting a machine, and a leader whose server goes away mid-round. Each
 * loop has a client of its own; the loops share one in-memory cloud.
 */
class ProvisioningFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ServiceName WEB = ServiceName.of("web");
    private TestEnvironment environment;
    private JujuState state;
    private final InMemoryMachines cloud = new InMemoryMachines();

    @BeforeEach
    void start() throws Exception {
        environment = TestEnvironment.start();
        state = environment.state();
        environment.deploy(WEB.value(), 1);
    }

    @AfterEach
    void stop() throws Exception {
        environment.close();
    }

    private CuratorFramework connect() {
        return StateConnection.connect(environment.connectString(), Duration.ofSeconds(10));
    }

    private ProvisioningLoop loop(CuratorFramework client, MachineProvider provider, String id) {
        Provisioner provisioner = new Provisioner(new JujuState(new StateStore(client)), provider,
                environment.connectString(), Duration.ofSeconds(120), Clock.systemUTC());
        return new ProvisioningLoop(client, provisioner, Duration.ofSeconds(1), id);
    }

    private Optional<String> recordedInstance(MachineId machine) {
        return state.machines().info(machine).instance().map(MachineInfo.InstanceRecord::instanceId);
    }

    /** Whether {@code unit} is placed on a machine whose instance is recorded. */
    private boolean started(String unit) {
        return state.units().machine(UnitName.parse(unit)).flatMap(this::recordedInstance).isPresent();
    }

    private MachineId machineOf(String unit) {
        return state.units().machine(UnitName.parse(unit)).orElseThrow();
    }

    @Test
    void aLeaderExpiredWhileTheProviderStartsAMachineRecordsNothingAndTheNewLeaderKeepsOneInstance() throws Exception {
        CuratorFramework first = connect();
        CuratorFramework second = connect();
        GatedMachines slow = new GatedMachines(cloud, "late");
        try (ProvisioningLoop leader = loop(first, slow, "pa-1"); ProvisioningLoop standby = loop(second, cloud, "pa-2")) {
            leader.start();
            await().atMost(WAIT).until(() -> started("web/0"));
            slow.holdNext(Gate.START);
            state.units().add(WEB, 1);
            assertThat(slow.awaitHeld()).as("the leader is starting the new machine").isTrue();
            MachineId machine = machineOf("web/1");
            standby.start();

            expire(first);
            await().atMost(WAIT).until(standby::isLeader);
            await().atMost(WAIT).until(() -> recordedInstance(machine).equals(Optional.of("i-" + machine)));
            int callsBefore = slow.calls.size();
            slow.release();

            await().atMost(WAIT).untilAsserted(() -> assertThat(cloud.instances.values().stream()
                    .filter(i -> i.machine().equals(machine)).map(Instance::instanceId).toList())
                    .as("the late instance of the expired leader is stopped").containsExactly("i-" + machine));
            assertThat(recordedInstance(machine)).as("the expired leader recorded nothing over the new one")
                    .contains("i-" + machine);
            assertThat(slow.calls.subList(callsBefore, slow.calls.size())).as("nor did anything after")
                    .noneMatch(call -> call.startsWith("start") || call.startsWith("stop") || call.startsWith("ports"));
            assertThat(leader.isLeader()).isFalse();
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void aRoundUnderWayWhenTheConnectionDropsMakesNoMoreProviderCallsAndTheLoopGoesOnAfterReconnecting()
            throws Exception {
        CuratorFramework client = connect();
        GatedMachines provider = new GatedMachines(cloud, "unused");
        try (ProvisioningLoop loop = loop(client, provider, "pa-1")) {
            loop.start();
            await().atMost(WAIT).until(() -> started("web/0"));
            provider.holdNext(Gate.LIST);
            assertThat(provider.awaitHeld()).as("a round is under way").isTrue();

            environment.server().stop();
            await().atMost(WAIT).until(() -> !client.getZookeeperClient().isConnected());
            int callsBefore = provider.calls.size();
            provider.release();
            // Longer than the loop's resync: an idle loop would have started another round by then.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> provider.calls.size() == callsBefore);

            environment.server().restart();
            state.units().add(WEB, 1);
            await().atMost(WAIT).until(() -> started("web/1"));
        } finally {
            client.close();
        }
    }

    /** Expires {@code client}'s session: attaches to it with its id and password and closes it. */
    private void expire(CuratorFramework client) throws Exception {
        ZooKeeper current = client.getZookeeperClient().getZooKeeper();
        CountDownLatch attached = new CountDownLatch(1);
        ZooKeeper intruder = new ZooKeeper(environment.connectString(), 10_000, event -> {
            if (event.getState() == KeeperState.SyncConnected) {
                attached.countDown();
            }
        }, current.getSessionId(), current.getSessionPasswd());
        try {
            assertThat(attached.await(10, TimeUnit.SECONDS)).as("attached to the leader's session").isTrue();
        } finally {
            intruder.close();
        }
    }
}
