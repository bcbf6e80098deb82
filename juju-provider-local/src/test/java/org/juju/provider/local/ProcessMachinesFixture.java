package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.juju.provider.Instance;
import org.juju.provider.MachineSpec;
import org.juju.state.model.MachineId;
import org.juju.state.security.AgentIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test support: {@link ProcessMachines} of an environment {@code dev} in a temporary data directory,
 * against a real ZooKeeper server with an initialized tree; afterwards every machine and spare is
 * stopped and no process naming or working in the data directory may be left.
 */
abstract class ProcessMachinesFixture {
    static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path tmp;

    TestingServer server;
    CuratorFramework client;
    DataDirLayout layout;
    ProcessMachines machines;

    /** How many spare machines the machines keep. */
    abstract int spares();

    @BeforeEach
    void startServerAndMachines() throws Exception {
        server = new TestingServer(true);
        client = TestDaemons.connectAsAdmin(server.getConnectString()); // reads what agents with identities create
        TestTree.initialize(client);
        layout = new DataDirLayout(Files.createDirectories(tmp.resolve("data")));
        machines = new ProcessMachines("dev", layout,
                new SupervisedAgents(TestDaemons.classpath(), layout.agentsLockFile()), Duration.ofSeconds(10), spares());
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            machines.stopSpares();
            for (MachineId id : machines.machineIds()) {
                machines.stop(id);
            }
            assertThat(TestTree.processesUnder(layout.dataDir())).as("processes naming the data dir").isEmpty();
            assertThat(ProcessTree.inDirectory(layout.dataDir().toRealPath())).as("processes working in it").isEmpty();
        } finally {
            client.close();
            server.close();
        }
    }

    /** Starts machine {@code id} against the test's ZooKeeper. */
    Instance start(int id) {
        return machines.startMachine(new MachineSpec(new MachineId(id), "bookworm", server.getConnectString()));
    }

    /** Starts machine {@code id} against the test's ZooKeeper, handing its agent {@code identity}. */
    Instance start(int id, AgentIdentity identity) {
        return machines.startMachine(new MachineSpec(new MachineId(id), "bookworm", server.getConnectString(),
                Optional.of(identity)));
    }
}
