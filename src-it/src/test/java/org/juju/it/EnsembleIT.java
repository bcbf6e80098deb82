package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.juju.it.TreeReads.relationOf;
import static org.juju.it.TreeReads.settings;
import static org.juju.state.testing.Nested.at;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.zookeeper.CreateMode;
import org.juju.it.EnsembleServers.Server;
import org.juju.it.JujuProcess.Result;
import org.juju.state.codec.YamlCodec;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A local environment with {@code zookeeper-servers: 3} (process machines, real agents and example
 * charms through the real {@code bin/juju}) keeps deploying while its ZooKeeper leader is killed
 * with SIGKILL in the middle of a deploy, and again once the first victim is back: each time a
 * minority (one of three) is down, so nothing may be lost and nothing may wait for the victim.
 * The supervisor of a killed server restarts it; the test waits for all three to serve before the
 * second kill, so the second kill is again of one server out of three.
 */
class EnsembleIT {
    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private static final Pattern RECONNECTED = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*reconnected to ZooKeeper");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    @RegisterExtension
    final BootstrappedEnvironment environment = BootstrappedEnvironment.local("    zookeeper-servers: 3\n");

    private Result ok(String... args) throws Exception {
        return environment.ok(args);
    }

    private void awaitState(String unit, String expected) {
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(String.valueOf(environment.state().units().status(UnitName.parse(unit)).get("agent-state")))
                        .as(unit).isEqualTo(expected));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeployConvergesAndLosesNothingWhileTheLeaderAndThenAnotherServerAreKilled() throws Exception {
        EnsembleServers ensemble = new EnsembleServers(environment.dataDir());
        List<Server> servers = ensemble.servers();
        assertThat(servers).hasSize(3);
        Map<String, Object> status = (Map<String, Object>) YamlCodec.parse(ok("status", "--format", "json").out(), "status");
        assertThat(String.valueOf(at(status, "environment").get("zookeeper")).split(","))
                .as("status names every server").hasSize(3).containsExactlyInAnyOrder(environment.address().split(","));
        await().atMost(CONVERGE).until(() -> ensemble.serving() == 3);

        String repo = JujuProcess.ROOT.resolve("charms-examples").toString();
        ok("deploy", "--repository", repo, "local:kvstore");
        ok("deploy", "--repository", repo, "local:webfront");
        assertThat(environment.state().units().status(UnitName.parse("webfront/0")).get("agent-state"))
                .as("the first kill falls in the deploy").isNotEqualTo("started");
        Kill first = kill(ensemble, ensemble.leader().orElseThrow());
        await().atMost(CONVERGE).until(() -> ensemble.leader().filter(s -> s.id() != first.server().id()).isPresent());
        Duration elected = Duration.between(first.at(), Instant.now());

        awaitState("kvstore/0", "started");
        awaitState("webfront/0", "started");
        ok("add-relation", "webfront", "kvstore");
        RelationId kv = relationOf(environment.state(), "webfront", "kv");
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(settings(environment.state(), kv, "kvstore/0")).containsKeys("host", "port")
                    .containsEntry("bucket-ready", "web");
            assertThat(settings(environment.state(), kv, "webfront/0")).containsEntry("bucket", "web");
        });
        await("the killed server is restarted by its supervisor and rejoins").atMost(CONVERGE)
                .until(() -> ensemble.serving() == 3 && ensemble.jvm(first.server()).isPresent());
        Duration rejoined = Duration.between(first.at(), Instant.now());
        Optional<Duration> agentsBack = lastReconnect(first.at());

        Kill second = kill(ensemble, ensemble.leader().orElseThrow());
        ok("set", "webfront", "bucket=photos");
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(settings(environment.state(), kv, "kvstore/0"))
                .as("config-changed ran and the change crossed the relation").containsEntry("bucket-ready", "photos"));

        assertThat(environment.state().services().names()).as("no service lost")
                .containsExactlyInAnyOrder(ServiceName.of("kvstore"), ServiceName.of("webfront"));
        assertThat(environment.state().units().unitsOf(ServiceName.of("kvstore"))).containsExactly(UnitName.parse("kvstore/0"));
        assertThat(environment.state().units().unitsOf(ServiceName.of("webfront"))).containsExactly(UnitName.parse("webfront/0"));
        assertThat(settings(environment.state(), kv, "webfront/0")).containsEntry("bucket", "photos");
        assertThat(environment.state().machines().ids()).as("one machine per unit, none twice")
                .containsExactly(MachineId.BOOTSTRAP, MachineId.parse("1"), MachineId.parse("2"));
        Map<String, Object> after = (Map<String, Object>) YamlCodec.parse(ok("status", "--format", "json").out(), "status");
        Map<Object, Object> machines = at(after, "machines");
        assertThat(machines).containsOnlyKeys("0", "1", "2");
        assertThat(machines.values().stream().map(m -> ((Map<?, ?>) m).get("instance-id")).distinct())
                .as("each machine its own instance").hasSize(3);
        assertThat(agentLogs()).as("every agent kept its session through both kills")
                .noneMatch(line -> line.contains("ZooKeeper session lost"));
        System.out.printf("ensemble recovery: first kill (server %d, leader): first client write after %d ms,"
                        + " new leader seen after %d ms, agents reconnected after %s, killed server serving again after"
                        + " %d ms; second kill (server %d): first client write after %d ms%n",
                first.server().id(), first.firstWrite().toMillis(), elected.toMillis(),
                agentsBack.map(d -> d.toMillis() + " ms").orElse("(no agent had to)"), rejoined.toMillis(),
                second.server().id(), second.firstWrite().toMillis());
    }

    /** A SIGKILL of one server's JVM: when, and how long until the test's client could write again. */
    private record Kill(Server server, Instant at, Duration firstWrite) {
    }

    private Kill kill(EnsembleServers ensemble, Server server) {
        ProcessHandle jvm = ensemble.jvm(server).orElseThrow();
        Instant at = Instant.now();
        jvm.destroyForcibly();
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() ->
                environment.client().create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath("/ensemble-it-") != null);
        return new Kill(server, at, Duration.between(at, Instant.now()));
    }

    /** How long after {@code since} the last agent logged that it reconnected; empty if none did. */
    private Optional<Duration> lastReconnect(Instant since) throws IOException {
        return agentLogs().stream()
                .map(RECONNECTED::matcher).filter(Matcher::find)
                .map(m -> LocalDateTime.parse(m.group(1), LOG_TIME).atZone(ZoneId.systemDefault()).toInstant())
                .filter(time -> !time.isBefore(since.minusMillis(1)))
                .max(Instant::compareTo).map(time -> Duration.between(since, time));
    }

    /** Every line of every agent's log (provisioning, machine and unit agents; not the servers'). */
    private List<String> agentLogs() throws IOException {
        try (Stream<Path> files = Files.walk(environment.dataDir())) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".log") && !f.toString().contains("/agents/zookeeper-"))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream();
                        } catch (IOException e) {
                            return Stream.empty(); // a log rotated or removed meanwhile
                        }
                    })
                    .toList();
        }
    }
}
