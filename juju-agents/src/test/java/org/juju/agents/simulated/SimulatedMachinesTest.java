package org.juju.agents.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.Providers;
import org.juju.state.error.InvalidInputException;
import org.juju.state.MachineInfo;
import org.juju.state.model.MachineId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated provider's machines: injected start failures, retried through retry-provisioning. */
class SimulatedMachinesTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void injectedStartFailuresAreReportedAndRetriedThroughRetryProvisioning() {
        try (SimulatedEnvironment env = SimulatedEnvironment.start(dir.resolve("env"))) {
            int bootstrapStarts = env.machines().startCalls();
            env.machines().failNextStarts(2);
            env.machines().setStartDelay(Duration.ofMillis(100));
            env.deploy(SimulatedEnvironmentTest.NOOP_REPOSITORY, "local:bookworm/noop", "noop", 1);
            MachineId machine = new MachineId(1);

            for (int failure = 1; failure <= 2; failure++) {
                int calls = bootstrapStarts + failure;
                await().atMost(TIMEOUT).until(() -> env.machines().startCalls() == calls
                        && errorOf(env, machine).filter(message -> message.contains("simulated failure")).isPresent());
                assertThat(env.machines().listMachines()).extracting(i -> i.machine()).containsExactly(MachineId.BOOTSTRAP);
                env.state().machines().retries().request(List.of(machine));
            }

            assertThat(env.awaitAllStarted(TIMEOUT)).isTrue();
            assertThat(env.machines().startCalls()).isEqualTo(bootstrapStarts + 3);
            assertThat(env.machines().listMachines()).extracting(i -> i.instanceId())
                    .containsExactly("sim-0", "sim-1");
        }
    }

    @Test
    void theProviderIsFoundByTypeOnlyWhileItsEnvironmentRuns() {
        EnvironmentConfig config;
        try (SimulatedEnvironment env = SimulatedEnvironment.start(dir.resolve("env"))) {
            config = env.provider().config();
            assertThat(Providers.create(config)).isSameAs(env.provider());
        }
        assertThatThrownBy(() -> Providers.create(config)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("runs only inside the JVM that started it")
                .hasMessageContaining("'simulation'");
    }

    private static Optional<String> errorOf(SimulatedEnvironment env, MachineId machine) {
        return env.state().machines().readAll().readable().stream().filter(info -> info.id().equals(machine))
                .findFirst().flatMap(MachineInfo::error);
    }
}
