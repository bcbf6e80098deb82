package org.juju.agents.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a relation between started units takes: deploys {@code -Dsimulated.relation-units=N}
 * units of the relay charm in each of two services, waits for all started, relates them and prints
 * the time from {@code add-relation} until every unit joined it, and until every unit ran its {@code -changed} hook seeing all N
 * remote units. Runs only when the property is given (it is a measurement, not a test):
 * {@code mvn -o -q test -pl juju-agents -am -Dtest=SimulatedRelationProbe -Dsimulated.relation-units=10
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "simulated.relation-units", matches = "\\d+")
class SimulatedRelationProbe {
    @TempDir
    Path dir;

    @Test
    void measure() {
        int units = Integer.getInteger("simulated.relation-units");
        try (SimulatedEnvironment env = SimulatedEnvironment.start(dir.resolve("env"))) {
            List<UnitName> relayed = new ArrayList<>(env.deploy(SimulatedEnvironmentTest.RELAY_REPOSITORY,
                    "local:bookworm/relay", "left", units));
            relayed.addAll(env.deploy(SimulatedEnvironmentTest.RELAY_REPOSITORY, "local:bookworm/relay", "right", units));
            assertThat(env.awaitAllStarted(Duration.ofMinutes(10))).isTrue();
            long start = System.nanoTime();
            RelationId relation = env.addRelation("left:out", "right:in");
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() ->
                    env.state().store().children(StatePaths.relationMembers(relation)).size() == 2 * units);
            long joined = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(env.awaitUnits(() -> relayed, status -> ("related " + units).equals(status.get("workload-message")),
                    Duration.ofMinutes(5))).isTrue();
            System.out.printf("SIMULATED relation %d x %d units: add-relation->all joined=%d ms, ->all changed=%d ms%n",
                    units, units, joined, Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
    }
}
