package org.juju.agents.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.juju.agents.bench.DeployStages;
import org.juju.state.PlacementPolicy;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DeployStages} on a real deploy: real ZooKeeper, real agents of the simulated provider. */
class DeployStagesTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void everyUnitPassesEveryStageInOrderWithinTheDeploy() {
        try (SimulatedEnvironment env = SimulatedEnvironment.start(dir.resolve("env"), "simulated", new PlacementPolicy(2))) {
            Instant began = Instant.now();
            List<UnitName> units = env.deploy(SimulatedEnvironmentTest.NOOP_REPOSITORY, "local:bookworm/noop", "noop", 4);
            assertThat(env.awaitAllStarted(TIMEOUT)).isTrue();
            double elapsed = Duration.between(began, Instant.now()).toMillis() / 1000.0;
            Map<UnitName, Instant> started = env.startTimes();
            Map<UnitName, MachineId> machines = new LinkedHashMap<>();
            units.forEach(unit -> machines.put(unit, env.state().units().machine(unit).orElseThrow()));

            List<DeployStages.Stage> stages = DeployStages.measure(env.state().store().client(), began, machines, started);

            assertThat(stages).extracting(DeployStages.Stage::name).containsExactlyElementsOf(DeployStages.STAGES);
            assertThat(stages).allSatisfy(stage -> {
                assertThat(stage.units()).as(stage.name()).isEqualTo(4);
                assertThat(stage.reached().min()).as(stage.name()).isGreaterThanOrEqualTo(0);
                assertThat(stage.reached().max()).as(stage.name()).isLessThanOrEqualTo(elapsed);
            });
            // A unit is assigned, then handed its credential, then its agent comes up, then it starts.
            List<DeployStages.Stage> chain = stages.stream().filter(stage -> List.of("assigned", "credential handed over",
                    "unit agent up", "started").contains(stage.name())).toList();
            for (int i = 1; i < chain.size(); i++) {
                assertThat(chain.get(i).reached().min()).as(chain.get(i).name())
                        .isGreaterThanOrEqualTo(chain.get(i - 1).reached().min());
                assertThat(chain.get(i).reached().max()).as(chain.get(i).name())
                        .isGreaterThanOrEqualTo(chain.get(i - 1).reached().max());
            }
            double lastStart = started.values().stream().mapToLong(t -> Duration.between(began, t).toMillis()).max()
                    .orElseThrow() / 1000.0;
            assertThat(stages.get(stages.size() - 1).reached().max()).isCloseTo(lastStart, within(0.002));
            // Two units per machine: two machines.
            assertThat(Set.copyOf(machines.values())).hasSize(2);
        }
    }
}
