package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures (does not assert) a tool's round trip as a hook sees it: from bash starting the client
 * to the client exiting, i.e. fork and exec, connect, request, the tool run in the agent, reply.
 */
class ToolRoundTripBenchmarkTest {
    private static final Logger LOG = LoggerFactory.getLogger(ToolRoundTripBenchmarkTest.class);
    private static final int WARM_UP = 20;
    private static final int CALLS = 200;

    @TempDir
    Path temp;
    HookFixture fx;

    @BeforeEach
    void setUp() {
        fx = new HookFixture(temp);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void measuresRelationGetRoundTrips() {
        fx.runHook(HookFixture.DB_CHANGED, HookFixture.data(), """
                for i in $(seq 1 %d); do relation-get user >/dev/null; done
                for i in $(seq 1 %d); do
                  start=$EPOCHREALTIME
                  relation-get user >/dev/null || echo failed >> "$CHARM_DIR/failures"
                  end=$EPOCHREALTIME
                  /bin/true
                  spawned=$EPOCHREALTIME
                  JUJU_CLIENT_ID= relation-get user 2>/dev/null
                  refused=$EPOCHREALTIME
                  echo "$start $end $spawned $refused" >> "$CHARM_DIR/times"
                done
                """.formatted(WARM_UP, CALLS));

        assertThat(fx.charmDir.resolve("failures")).doesNotExist();
        List<String[]> lines = HookFixture.read(fx.charmDir.resolve("times")).lines().map(l -> l.split(" ")).toList();
        assertThat(lines).hasSize(CALLS);
        List<Double> tool = lines.stream().map(t -> millis(t[0], t[1])).sorted().toList();
        List<Double> spawn = lines.stream().map(t -> millis(t[1], t[2])).sorted().toList();
        List<Double> local = lines.stream().map(t -> millis(t[2], t[3])).sorted().toList();
        String report = String.format("relation-get round trip over %d calls: median %.2f ms, p99 %.2f ms, max %.2f ms;"
                        + " in the same loop, /bin/true: median %.2f ms, p99 %.2f ms;"
                        + " the client stopping before it connects: median %.2f ms, p99 %.2f ms",
                CALLS, percentile(tool, 50), percentile(tool, 99), tool.get(CALLS - 1),
                percentile(spawn, 50), percentile(spawn, 99), percentile(local, 50), percentile(local, 99));
        LOG.info(report);
    }

    @Test
    void measuresTheSocketRoundTripWithoutStartingProcesses() throws IOException {
        ToolServer.Client client = fx.server.register(new HookContext(HookFixture.DB_CHANGED, HookFixture.data()));
        ToolRequest request = new ToolRequest(client.id(), "relation-get", "/", List.of("user"));
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < WARM_UP * 10 + CALLS; i++) {
            long start = System.nanoTime();
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(fx.server.socket()))) {
                ToolWire.writeRequest(Channels.newOutputStream(channel), request);
                assertThat(ToolWire.readReply(Channels.newInputStream(channel)).stdout()).isEqualTo("wp\n");
            }
            if (i >= WARM_UP * 10) {
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        Collections.sort(millis);
        String report = String.format("relation-get over the socket from Java, %d calls: median %.3f ms, p99 %.3f ms",
                CALLS, percentile(millis, 50), percentile(millis, 99));
        LOG.info(report);
    }

    private static double millis(String from, String to) {
        return new BigDecimal(to).subtract(new BigDecimal(from)).doubleValue() * 1000;
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
