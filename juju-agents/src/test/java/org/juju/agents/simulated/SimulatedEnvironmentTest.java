package org.juju.agents.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.juju.state.MachineInfo;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated environment end to end, with real ZooKeeper and real agents: units of the no-op
 * charm deployed and started, a relation between two services that all their units join and
 * whose hooks run on both sides, and nothing left running after close.
 */
class SimulatedEnvironmentTest {
    static final Path NOOP_REPOSITORY = Path.of("../src-it/src/test/resources/charms").toAbsolutePath().normalize();
    static final Path RELAY_REPOSITORY = Path.of("src/test/resources/charms").toAbsolutePath().normalize();
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void unitsStartRelationHooksRunAndCloseLeavesNothingRunning() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (SimulatedEnvironment env = SimulatedEnvironment.start(dir.resolve("env"))) {
            List<UnitName> noop = env.deploy(NOOP_REPOSITORY, "local:bookworm/noop", "noop", 20);

            assertThat(env.awaitAllStarted(TIMEOUT)).isTrue();
            Map<UnitName, Instant> started = env.startTimes();
            assertThat(started.keySet()).containsExactlyInAnyOrderElementsOf(noop);
            // One machine per unit (the provisioning agent's placement), plus machine 0.
            assertThat(env.machines().listMachines()).hasSize(21);
            // Machine 0's agent started before the tree was initialized, and waited for it.
            await().atMost(TIMEOUT).until(() -> env.state().machines().infos().stream()
                    .filter(info -> info.id().isBootstrap()).allMatch(MachineInfo::reported));
            // The provisioning agent, 21 machine agents and 20 unit agents, each with its own session (+ the admin's).
            assertThat(env.liveAgents()).isEqualTo(42);
            await().atMost(TIMEOUT).until(() -> env.zooKeeper().connections() == 43);

            List<UnitName> relayed = new ArrayList<>(env.deploy(RELAY_REPOSITORY, "local:bookworm/relay", "left", 2));
            relayed.addAll(env.deploy(RELAY_REPOSITORY, "local:bookworm/relay", "right", 2));
            assertThat(env.awaitAllStarted(TIMEOUT)).isTrue();
            RelationId relation = env.addRelation("left:out", "right:in");

            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() ->
                    env.state().store().children(StatePaths.relationMembers(relation)).size() == relayed.size());
            assertThat(env.awaitUnits(() -> relayed, status -> "related 2".equals(status.get("workload-message")),
                    TIMEOUT)).as("every relay unit ran its relation-changed hook seeing both remote units").isTrue();
            assertThat(env.state().units().status(noop.get(0))).doesNotContainKey("workload-message");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(newThreads(before)).isEmpty());
    }

    @Test
    void unitsOfOneServiceAreSeenByTheirTimes() {
        try (SimulatedEnvironment env = SimulatedEnvironment.start(dir.resolve("env"))) {
            assertThat(env.startTimes()).isEmpty();
            env.deploy(NOOP_REPOSITORY, "local:bookworm/noop", "noop", 2);
            assertThat(env.awaitAllStarted(TIMEOUT)).isTrue();
            env.addUnits("noop", 1);
            assertThat(env.awaitAllStarted(TIMEOUT)).isTrue();
            assertThat(env.startTimes()).containsOnlyKeys(env.state().units().unitsOf(ServiceName.of("noop")))
                    .hasSize(3);
        }
    }

    @Test
    void machinesKeepTheirFilesInTheGivenDirectoryWhichCloseDeletes() throws Exception {
        Path machines = dir.resolve("elsewhere");
        try (SimulatedEnvironment env = SimulatedEnvironment.start(dir.resolve("env"), "simulated",
                org.juju.state.PlacementPolicy.DEFAULT, java.util.Optional.of(machines))) {
            UnitName unit = env.deploy(NOOP_REPOSITORY, "local:bookworm/noop", "noop", 1).get(0);
            assertThat(env.awaitAllStarted(TIMEOUT)).isTrue();
            org.juju.state.model.MachineId machine = env.state().units().machine(unit).orElseThrow();

            assertThat(machines.resolve(machine + "/units/" + unit.key() + "/state.yaml")).as("the unit's state file")
                    .isRegularFile();
            assertThat(dir.resolve("env/machines")).as("nothing under the environment's own directory").doesNotExist();
        }
        assertThat(machines).doesNotExist();
        assertThat(dir.resolve("env")).doesNotExist();
    }

    /**
     * Threads alive now that were not in {@code before}, by name; the JDK's that it starts on first
     * use and keeps, and Awaitility's own, left out.
     */
    static List<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> !KEPT_THREADS.contains(name))
                .collect(Collectors.toList());
    }

    private static final Set<String> KEPT_THREADS = Set.of("process reaper", "Attach Listener", "Common-Cleaner",
            "awaitility-thread");
}
