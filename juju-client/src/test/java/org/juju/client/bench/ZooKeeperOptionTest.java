package org.juju.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.juju.agents.simulated.SimulatedZooKeeper;
import org.juju.state.error.InvalidInputException;
import org.junit.jupiter.api.Test;

/** {@code --zookeeper}: where the benchmark's ZooKeeper server runs. */
class ZooKeeperOptionTest {
    @Test
    void aProcessOfItsOwnByDefaultAndInTheAgentsJvmWhenAsked() {
        JujuBench.Options defaults = JujuBench.Options.parse(new String[0]);
        assertThat(defaults.zooKeeper()).isEqualTo(SimulatedZooKeeper.Mode.PROCESS);
        assertThat(defaults.describe()).doesNotContain("--zookeeper");

        JujuBench.Options inProcess = JujuBench.Options.parse(new String[] {"--zookeeper", "in-process"});
        assertThat(inProcess.zooKeeper()).isEqualTo(SimulatedZooKeeper.Mode.IN_PROCESS);
        assertThat(inProcess.describe()).endsWith(" --zookeeper in-process");
    }

    @Test
    void anUnknownPlaceIsRefusedByName() {
        assertThatThrownBy(() -> JujuBench.Options.parse(new String[] {"--zookeeper", "remote"}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--zookeeper must be process or in-process, got 'remote'");
        assertThatThrownBy(() -> JujuBench.Options.parse(new String[] {"--zookeeper"}))
                .isInstanceOf(InvalidInputException.class).hasMessage("--zookeeper needs a value");
    }
}
