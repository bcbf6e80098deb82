package org.juju.agents.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.juju.state.error.InvalidInputException;
import org.juju.state.store.StateConnection;
import org.junit.jupiter.api.Test;

class ZooKeeperLimitsTest extends ZooKeeperTestBase {
    @Test
    void measuresLatencyAndThroughputAndLeavesNothingBehind() throws Exception {
        try (CuratorFramework client = StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5))) {
            var before = client.getChildren().forPath("/");

            ZooKeeperLimits.Result result = ZooKeeperLimits.measure(server.getConnectString(), 200, 16);

            assertThat(result.ops()).isEqualTo(200);
            assertThat(result.inFlight()).isEqualTo(16);
            assertThat(result.payloadBytes()).isEqualTo(ZooKeeperLimits.PAYLOAD_BYTES);
            assertThat(result.writeLatency().count()).isEqualTo(200);
            assertThat(result.readLatency().count()).isEqualTo(200);
            assertThat(result.writeLatency().p50()).isPositive().isLessThanOrEqualTo(result.writeLatency().p99());
            assertThat(result.readLatency().p50()).isPositive().isLessThanOrEqualTo(result.readLatency().p99());
            assertThat(result.writesPerSecond()).isPositive().isFinite();
            assertThat(result.readsPerSecond()).isPositive().isFinite();
            assertThat(client.getChildren().forPath("/")).containsExactlyInAnyOrderElementsOf(before);
        }
    }

    @Test
    void worksBelowAChroot() throws Exception {
        try (CuratorFramework client = StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5))) {
            client.create().forPath("/env");
            ZooKeeperLimits.measure(server.getConnectString() + "/env", 5, 2);
            assertThat(client.getChildren().forPath("/env")).isEmpty();
        }
    }

    @Test
    void rejectsNonPositiveCounts() {
        assertThatThrownBy(() -> ZooKeeperLimits.measure(server.getConnectString(), 0, 4))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("ops and in-flight must be positive, got 0 and 4");
    }
}
