package org.juju.provider.local;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.juju.provider.MachineSpec;
import org.juju.state.model.MachineId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures how long a process machine takes from {@code startMachine} until its machine agent's
 * presence node is visible, and how long {@code stopMachine} takes, over 5 machines started one
 * after the other. Prints the figures; asserts nothing. Run with:
 * {@code mvn -pl juju-provider-local test -Dtest=MachineStartTiming -Djuju.measure=true}
 */
@EnabledIfSystemProperty(named = "juju.measure", matches = "true")
class MachineStartTiming {
    private static final int RUNS = 5;

    @TempDir
    Path tmp;

    @Test
    void startToPresence() throws Exception {
        try (TestingServer server = new TestingServer(true);
             CuratorFramework client = TestDaemons.connect(server.getConnectString())) {
            TestTree.initialize(client);
            DataDirLayout layout = new DataDirLayout(Files.createDirectories(tmp.resolve("data")));
            ProcessMachines machines = new ProcessMachines("timing", layout,
                    new SupervisedAgents(TestDaemons.classpath(), layout.agentsLockFile()), Duration.ofSeconds(10));
            List<Long> starts = new ArrayList<>();
            List<Long> stops = new ArrayList<>();
            for (int i = 1; i <= RUNS; i++) {
                int id = i;
                long started = System.nanoTime();
                String instance = machines.startMachine(new MachineSpec(new MachineId(id), "bookworm",
                        server.getConnectString())).instanceId();
                await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(60))
                        .until(() -> TestTree.machinePresence(client, id).isPresent());
                starts.add((System.nanoTime() - started) / 1_000_000);
                long stopping = System.nanoTime();
                machines.stopMachine(instance);
                stops.add((System.nanoTime() - stopping) / 1_000_000);
            }
            System.out.println("startMachine -> presence visible (ms): " + starts + ", median " + median(starts));
            System.out.println("stopMachine (ms): " + stops + ", median " + median(stops));
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
