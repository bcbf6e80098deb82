package org.juju.agents.debuglog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.juju.agents.runtime.AgentConnection;
import org.juju.agents.runtime.Shutdown;
import org.juju.state.LogRecords;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AclSource;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's debug-log forwarding against a real ZooKeeper: the {@code /settings} switch, the
 * records' context and levels, what is never forwarded, the bounded queue, failed batches, the
 * unit log's lines and trimming.
 */
class LogForwardingTest {
    private static final Logger AGENT_LOG = LoggerFactory.getLogger("org.juju.agents.unit.SomeAgentPart");
    @TempDir
    Path dir;
    private TestingServer server;
    private CuratorFramework admin;
    private StateStore store;
    private AgentConnection connection;
    private final Shutdown shutdown = new Shutdown();

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        admin = StateConnection.connect(server.getConnectString(), Duration.ofSeconds(5));
        admin.create().forPath(StatePaths.logs());
        admin.create().forPath(StatePaths.settings(), "{debug-log: false}".getBytes(StandardCharsets.UTF_8));
        store = new StateStore(admin, AclSource.open());
        connection = AgentConnection.open(server.getConnectString(), dir, shutdown);
        assertThat(connection.awaitConnected()).isTrue();
        ((ch.qos.logback.classic.Logger) AGENT_LOG).setLevel(ch.qos.logback.classic.Level.DEBUG);
    }

    @AfterEach
    void stop() throws Exception {
        shutdown.request();
        connection.close();
        admin.close();
        server.close();
    }

    @Test
    void recordsAreForwardedOnlyOnceDebugLogIsSwitchedOnWithTheAgentsContextAndLevels() {
        try (AgentLogForwarding forwarding = AgentLogForwarding.start("unit-mysql-0", connection, 100)) {
            AGENT_LOG.info("logged while off");
            assertThat(forwarding.forwarder().offer(Instant.now(), "INFO", "offered while off")).isFalse();

            switchDebugLog(true);
            await().atMost(Duration.ofSeconds(10)).until(forwarding.forwarder()::isEnabled);
            AGENT_LOG.debug("detail");
            AGENT_LOG.warn("low on {}", "disk");
            AGENT_LOG.error("failed", new IOException("disk full"));

            List<Map<String, Object>> records = awaitRecords(3);
            assertThat(records).extracting(r -> r.get("context")).containsOnly("unit:mysql/0");
            assertThat(records).extracting(r -> r.get("level") + " " + r.get("message")).containsExactly(
                    "DEBUG SomeAgentPart: detail", "WARNING SomeAgentPart: low on disk",
                    "ERROR SomeAgentPart: failed (java.io.IOException: disk full)");
            assertThat(Instant.parse((String) records.get(0).get("time"))).isAfter(Instant.now().minusSeconds(60));

            switchDebugLog(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> !forwarding.forwarder().isEnabled());
            AGENT_LOG.info("logged after switching off");
            assertThat(forwarding.forwarder().offer(Instant.now(), "INFO", "offered after switching off")).isFalse();
        }
        assertThat(records()).hasSize(3);
    }

    @Test
    void theZooKeeperClientsAndTheForwardersOwnLogsAreNotForwarded() {
        try (AgentLogForwarding forwarding = AgentLogForwarding.start("machine-1", connection, 100)) {
            switchDebugLog(true);
            await().atMost(Duration.ofSeconds(10)).until(forwarding.forwarder()::isEnabled);
            for (String logger : List.of("org.apache.zookeeper.ClientCnxn", "org.apache.curator.framework.imps.X",
                    "io.netty.channel.Y", LogForwarder.class.getName(), LogTrimmer.class.getName())) {
                LoggerFactory.getLogger(logger).error("noise of {}", logger);
            }
            AGENT_LOG.error("marker");

            assertThat(awaitRecords(1)).singleElement().satisfies(record -> assertThat(record)
                    .containsEntry("context", "machine:1").containsEntry("message", "SomeAgentPart: marker"));
        }
        assertThat(ForwardingAppender.forwarded("org.juju.agents.machine.Deployer", LogForwarder.WRITER_THREAD))
                .as("anything the writer's thread logs").isFalse();
        assertThat(ForwardingAppender.forwarded("org.apache.zookeeperish.Other", "main")).isTrue();
    }

    @Test
    void unitLogLinesAreForwardedWithTheirHookName() {
        try (AgentLogForwarding forwarding = AgentLogForwarding.start("unit-mysql-0", connection, 100)) {
            switchDebugLog(true);
            await().atMost(Duration.ofSeconds(10)).until(forwarding.forwarder()::isEnabled);
            forwarding.unitLogListener().line("install", "INFO", "reading package lists");
            forwarding.unitLogListener().line("install", "ERROR", "E: package not found");
            forwarding.unitLogListener().line("config-changed", "CRITICAL", "no config");

            assertThat(awaitRecords(3)).extracting(r -> r.get("context") + " " + r.get("level") + ": " + r.get("message"))
                    .containsExactly("unit:mysql/0 INFO: install: reading package lists",
                            "unit:mysql/0 ERROR: install: E: package not found",
                            "unit:mysql/0 ERROR: config-changed: no config");
        }
    }

    @Test
    void aFullQueueDropsRecordsWithoutBlockingAndTheCountIsReportedOnceConnected() {
        AtomicBoolean connected = new AtomicBoolean(false);
        try (LogForwarder forwarder = new LogForwarder("machine:2", admin, connected::get,
                LogRecords.acl(Optional.empty()), 10)) {
            forwarder.setEnabled(true);
            long started = System.nanoTime();
            int accepted = 0;
            for (int i = 0; i < 100_000; i++) {
                accepted += forwarder.offer(Instant.now(), "INFO", "record " + i) ? 1 : 0;
            }
            Duration offering = Duration.ofNanos(System.nanoTime() - started);

            assertThat(accepted).as("the queue, and the one record the writer holds").isBetween(10, 11);
            assertThat(forwarder.droppedNotReported()).isEqualTo(100_000 - accepted);
            assertThat(offering).as("100,000 offers while ZooKeeper is out of reach").isLessThan(Duration.ofSeconds(5));
            assertThat(records()).isEmpty();

            connected.set(true);
            List<Map<String, Object>> records = awaitRecords(accepted + 1);
            assertThat(records.get(0)).containsEntry("level", "WARNING")
                    .containsEntry("message", (100_000 - accepted) + " records dropped");
            assertThat(records.get(1).get("message")).isEqualTo("record 0");
            assertThat(forwarder.droppedNotReported()).isZero();
        }
    }

    @Test
    void aBatchThatFailsTwiceIsDroppedAndCounted() throws Exception {
        admin.delete().forPath(StatePaths.logs());
        try (LogForwarder forwarder = new LogForwarder("machine:2", admin, () -> true,
                LogRecords.acl(Optional.empty()), 10)) {
            forwarder.setEnabled(true);
            forwarder.offer(Instant.now(), "INFO", "lost");
            forwarder.offer(Instant.now(), "INFO", "lost too");
            await().atMost(Duration.ofSeconds(10)).until(() -> forwarder.droppedNotReported() == 2);

            admin.create().forPath(StatePaths.logs());
            forwarder.offer(Instant.now(), "INFO", "kept");
            assertThat(awaitRecords(2)).extracting(r -> r.get("message")).containsExactly("2 records dropped", "kept");
        }
    }

    @Test
    void theTrimmerKeepsTheNewestRecords() {
        try (LogForwarder forwarder = new LogForwarder("provisioning:1", admin, () -> true,
                LogRecords.acl(Optional.empty()), 100)) {
            forwarder.setEnabled(true);
            for (int i = 0; i < 25; i++) {
                forwarder.offer(Instant.now(), "INFO", "record " + i);
            }
            awaitRecords(25);
        }
        try (LogTrimmer trimmer = LogTrimmer.start(admin, () -> true, 5, Duration.ofMillis(50))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> store.children(StatePaths.logs()).size() == 5);
        }
        assertThat(records()).extracting(r -> r.get("message"))
                .containsExactly("record 20", "record 21", "record 22", "record 23", "record 24");
    }

    private void switchDebugLog(boolean on) {
        try {
            admin.setData().forPath(StatePaths.settings(), ("{debug-log: " + on + "}").getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, Object>> awaitRecords(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> store.children(StatePaths.logs()).size() >= count);
        return records();
    }

    /** The records in order. */
    private List<Map<String, Object>> records() {
        return store.children(StatePaths.logs()).stream().sorted()
                .map(name -> store.read(StatePaths.logs() + "/" + name).orElseThrow().data()).toList();
    }
}
