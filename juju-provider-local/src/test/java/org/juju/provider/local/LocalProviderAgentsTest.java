package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.Instance;
import org.juju.provider.MachineSpec;
import org.juju.provider.StateServer;
import org.juju.state.model.MachineId;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bootstrap and destroy of a local environment with its agents: real daemon, real agent JVMs. */
class LocalProviderAgentsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final TestDaemons daemons = new TestDaemons();
    private final List<String> progress = new ArrayList<>();
    private LocalProvider provider;
    private Path dataDir;

    @AfterEach
    void destroy() {
        try {
            if (provider != null && Files.exists(dataDir)) {
                provider.destroy(progress::add);
            }
        } finally {
            daemons.stopAll();
        }
        assertThat(TestTree.processesUnder(tmp)).as("processes left running").isEmpty();
    }

    private LocalProvider provider(String container) {
        dataDir = daemons.track(tmp.resolve("dev"));
        EnvironmentConfig config = new EnvironmentConfig("dev", "local", Map.of("data-dir", dataDir.toString(),
                "admin-secret", TestCredentials.ADMIN_SECRET, "container", container), Path.of("environments.yaml"));
        provider = new LocalProvider(config, LocalConfig.from(config), daemons.process, TestDaemons.TIMEOUT);
        return provider;
    }

    @Test
    void bootstrapStartsTheAgentsWhichComeUpOnceTheTreeIsInitialized() throws Exception {
        StateServer server = provider("process").bootstrap(progress::add);

        try (CuratorFramework client = TestDaemons.connectAsAdmin(server.connectString())) {
            TestTree.initialize(client);
            await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 0).isPresent());
        }
        Path provisioningLog = dataDir.resolve("agents/provisioning/agent.log");
        await().atMost(WAIT).until(() -> Files.exists(provisioningLog)
                && Files.readString(provisioningLog).contains("provisioning agent started"));
        assertThat(provider.machines().listMachines())
                .containsExactly(new Instance("process-dev-0", MachineId.BOOTSTRAP, "127.0.0.1", "running"));
        AgentIdentity provisioning = Identities.provisioningAgent(TestCredentials.ADMIN_SECRET);
        AgentIdentity machineZero = Identities.bootstrapMachineAgent(TestCredentials.ADMIN_SECRET);
        TestCredentials.assertHandedTo(dataDir.resolve("agents/provisioning"), provisioning);
        TestCredentials.assertHandedTo(dataDir.resolve("machines/0"), machineZero);
        for (ProcessHandle process : TestTree.processesUnder(dataDir)) {
            assertThat(process.info().commandLine().orElse("")).doesNotContain(provisioning.credential().password())
                    .doesNotContain(machineZero.credential().password()).doesNotContain(TestCredentials.ADMIN_SECRET);
        }
        assertThat(Files.readString(dataDir.resolve("agents/provisioning").resolve(SupervisorScript.FILE)))
                .as("the provisioning agent's --dir holds its file")
                .contains("'provisioning' '--zookeeper' '" + server.connectString() + "' '--dir' '"
                        + dataDir.resolve("agents/provisioning") + "'")
                .doesNotContain(provisioning.credential().password());
    }

    @Test
    void destroyLeavesNoProcessOfTheEnvironmentRunning() throws Exception {
        StateServer server = provider("process").bootstrap(progress::add);
        try (CuratorFramework client = TestDaemons.connectAsAdmin(server.connectString())) {
            TestTree.initialize(client);
            provider.machines().startMachine(new MachineSpec(new MachineId(1), "bookworm", server.connectString()));
            await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 0).isPresent()
                    && TestTree.machinePresence(client, 1).isPresent());
        }
        assertThat(TestTree.processesUnder(dataDir)).hasSizeGreaterThanOrEqualTo(7);
        progress.clear();

        provider.destroy(progress::add);

        assertThat(TestTree.processesUnder(dataDir)).isEmpty();
        assertThat(dataDir).doesNotExist();
        assertThat(progress).containsExactly("stopped the provisioning agent", "stopped machine 0", "stopped machine 1",
                "stopped the charm storage", "stopped ZooKeeper of environment 'dev'", "removed " + dataDir);
    }

    @Test
    void bootstrapAfterAHostRestartBringsBackZooKeeperBothAgentsAndTheMachinesWithTheirIdentities() throws Exception {
        long ownerBefore;
        AgentIdentity machineOneIdentity = TestCredentials.machine(1);
        StateServer server = provider("process").bootstrap(progress::add);
        try (CuratorFramework client = TestDaemons.connectAsAdmin(server.connectString())) {
            TestTree.initialize(client);
            provider.machines().startMachine(new MachineSpec(new MachineId(1), "bookworm", server.connectString(),
                    Optional.of(machineOneIdentity)));
            await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 0).isPresent()
                    && TestTree.machinePresence(client, 1).isPresent());
            ownerBefore = TestTree.machinePresence(client, 1).orElseThrow().getEphemeralOwner();
        }
        List<ProcessHandle> before = TestTree.processesUnder(dataDir);
        before.forEach(ProcessHandle::destroyForcibly); // the host goes down: nothing cleans up
        await().atMost(WAIT).until(() -> TestTree.processesUnder(dataDir).isEmpty());
        assertThat(provider.machines().listMachines()).isEmpty();
        Path machineOne = dataDir.resolve("machines/1");
        Files.delete(dataDir.resolve("agents/provisioning").resolve(Credential.FILE_NAME));
        Files.writeString(dataDir.resolve("machines/0").resolve(Credential.FILE_NAME), "damaged\n");
        progress.clear();

        StateServer again = provider.bootstrap(progress::add);

        TestCredentials.assertHandedTo(dataDir.resolve("agents/provisioning"),
                Identities.provisioningAgent(TestCredentials.ADMIN_SECRET));
        TestCredentials.assertHandedTo(dataDir.resolve("machines/0"),
                Identities.bootstrapMachineAgent(TestCredentials.ADMIN_SECRET));
        TestCredentials.assertHandedTo(machineOne, machineOneIdentity);

        assertThat(progress).contains("started the charm storage", "started the provisioning agent",
                "started the machine agent of machine 0", "restarted machine 1");
        try (CuratorFramework client = TestDaemons.connectAsAdmin(again.connectString())) {
            await().atMost(WAIT).until(() -> TestTree.machinePresence(client, 0).isPresent()
                    && TestTree.machinePresence(client, 1).filter(stat -> stat.getEphemeralOwner() != ownerBefore).isPresent());
        }
        assertThat(TestTree.processesUnder(dataDir)).noneMatch(p -> before.stream().anyMatch(b -> b.pid() == p.pid()));
    }
}
