package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.juju.it.TreeReads.settings;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.juju.it.JujuProcess.Result;
import org.juju.provider.ec2.testcloud.CloudInstance;
import org.juju.provider.ec2.testcloud.CloudPermission;
import org.juju.provider.ec2.testcloud.TestCloud;
import org.juju.state.JujuState;
import org.juju.state.io.FileTrees;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The EC2 provider end to end against the EC2/S3 test cloud, each instance a real LXC container
 * ({@link LxcBoot}) that runs the provider's user data at boot: the real {@code bin/juju} bootstraps
 * (machine 0: ZooKeeper with its TLS port, the provisioning agent, its machine agent), deploys the
 * portable pair, relates and exposes, then destroys the environment; the test checks the
 * instances, tags and security groups the cloud holds and that nothing is left. Runs only where
 * this host can run LXC containers (root, the LXC tools, overlayfs); takes minutes.
 */
@Tag("lxc")
class Ec2LxcIT {
    /** First boots of containers and JVMs on a small host. */
    private static final Duration BOOTSTRAP = Duration.ofMinutes(10);
    private static final Duration CONVERGE = Duration.ofMinutes(8);
    private static final Duration COMMAND = Duration.ofMinutes(3);
    private final String bucket = "juju-it-" + HexFormat.of().toHexDigits(new java.security.SecureRandom().nextInt());
    private LxcBoot boot;
    private TestCloud cloud;
    private Path home;
    private JujuProcess juju;
    private CuratorFramework client;
    private boolean destroyed;

    @BeforeEach
    void startCloud() throws Exception {
        assumeTrue(Lxc.available(), () -> "skipped: " + Lxc.unavailable().orElse(""));
        boot = new LxcBoot(Files.createTempDirectory("juju-ec2lxc-data"));
        cloud = TestCloud.start(InetAddress.getByName(boot.hostAddress()), boot);
        home = Files.createTempDirectory("juju-ec2lxc-home");
        Files.writeString(home.resolve("environments.yaml"), TestCloudEnvironments.yaml(cloud, bucket, """
                    bootstrap-timeout: %d
                """.formatted(BOOTSTRAP.minusMinutes(2).toSeconds())));
        juju = new JujuProcess(home);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
            if (juju != null && !destroyed) {
                juju.run(BOOTSTRAP, "destroy-environment", "-y", "-e", "ec2");
            }
        } finally {
            try {
                if (cloud != null) {
                    cloud.close();
                }
            } finally {
                if (boot != null) {
                    boot.close();
                    assertThat(Lxc.containers()).as("no container of this run is left")
                            .noneMatch(name -> name.startsWith(boot.prefix()));
                    assertThat(Lxc.linkExists(boot.bridge().name())).as("the bridge is removed").isFalse();
                }
                if (home != null) {
                    FileTrees.deleteQuietly(home, true);
                }
            }
        }
    }

    private Result ok(Duration timeout, String... args) throws Exception {
        Result result;
        try {
            result = juju.run(timeout, args);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + bootLogs(), e);
        }
        assertThat(result.code()).as("juju " + String.join(" ", args) + ": " + result + bootLogs()).isZero();
        return result;
    }

    private Result ok(String... args) throws Exception {
        return ok(COMMAND, args);
    }

    /** The tail of each container's boot log, for failure messages. */
    private String bootLogs() {
        StringBuilder text = new StringBuilder();
        for (CloudInstance instance : cloud.instances()) {
            try {
                Path log = boot.inside(instance.id(), "/var/lib/juju/log/boot.log");
                if (!Files.exists(log)) {
                    log = boot.inside(instance.id(), "/var/lib/cloud/instance/user-data.out");
                }
                List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of("(no boot log)");
                text.append("\n--- ").append(instance.id()).append(" boot.log\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            } catch (Exception e) {
                text.append("\n--- ").append(instance.id()).append(": ").append(e);
            }
        }
        return text.toString();
    }

    private List<CloudInstance> instancesIn(String state) {
        return cloud.instances().stream().filter(i -> i.state().equals(state)).toList();
    }

    private static String unitStatus(JujuState state, String unit, String key) {
        return String.valueOf(state.units().status(UnitName.parse(unit)).get(key));
    }

    @Test
    void bootstrapsDeploysRelatesExposesAndDestroysOnContainerInstances() throws Exception {
        long started = System.nanoTime();
        ok(BOOTSTRAP, "bootstrap", "-e", "ec2");
        long bootstrapped = System.nanoTime();
        List<CloudInstance> running = instancesIn("running");
        assertThat(running).hasSize(1);
        String zero = running.get(0).privateAddress();
        assertThat(zero).as("machine 0 is a container on the test's bridge").startsWith(boot.bridge().prefix() + ".");
        assertThat(boot.state(running.get(0).id())).contains("RUNNING");
        assertThat(ok("status", "-e", "ec2").out()).contains("machines");

        client = AdminClient.connect(zero + ":2181", "s3cret", Duration.ofSeconds(30));
        JujuState state = AdminClient.state(client);

        String repo = JujuProcess.ROOT.resolve("charms-examples").toString();
        long deploying = System.nanoTime();
        ok("deploy", "-e", "ec2", "--repository", repo, "local:kvstore");
        ok("deploy", "-e", "ec2", "--repository", repo, "local:webfront");
        ok("add-relation", "-e", "ec2", "webfront", "kvstore");
        ok("expose", "-e", "ec2", "webfront");
        ok("expose", "-e", "ec2", "kvstore");
        await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(unitStatus(state, "kvstore/0", "agent-state")).as("kvstore/0" + bootLogs()).isEqualTo("started");
            assertThat(unitStatus(state, "webfront/0", "agent-state")).as("webfront/0").isEqualTo("started");
        });
        long unitsStarted = System.nanoTime();
        RelationId kv = state.relations().relationsOf(ServiceName.of("webfront")).keySet().iterator().next();
        String kvAddress = unitStatus(state, "kvstore/0", "private-address");
        await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(settings(state, kv, "kvstore/0")).containsEntry("host", kvAddress).containsKey("port")
                    .containsEntry("bucket-ready", "web");
            assertThat(settings(state, kv, "webfront/0")).containsEntry("bucket", "web");
            assertThat(unitStatus(state, "webfront/0", "workload-message"))
                    .as("webfront got kvstore's address and port over the relation").contains("using " + kvAddress);
        });
        long related = System.nanoTime();

        List<CloudInstance> machines = instancesIn("running");
        assertThat(machines).as("machine 0 and one machine per unit").hasSize(3);
        assertThat(machines).allSatisfy(instance -> {
            assertThat(instance.tags()).containsEntry("juju-env", "ec2").containsKey("juju-machine-id");
            assertThat(instance.securityGroups()).containsExactlyInAnyOrder("juju-ec2",
                    "juju-ec2-" + instance.tags().get("juju-machine-id"));
            assertThat(boot.state(instance.id())).contains("RUNNING");
        });
        assertThat(machines).extracting(i -> i.tags().get("juju-machine-id")).containsExactlyInAnyOrder("0", "1", "2");
        String kvMachine = state.units().machine(UnitName.parse("kvstore/0")).orElseThrow().toString();
        assertThat(kvAddress).as("units relate over their machines' private addresses, on the bridge")
                .isEqualTo(machines.stream().filter(i -> kvMachine.equals(i.tags().get("juju-machine-id")))
                        .findFirst().orElseThrow().privateAddress())
                .startsWith(boot.bridge().prefix() + ".");
        int kvPort = Integer.parseInt(String.valueOf(settings(state, kv, "kvstore/0").get("port")));
        await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(cloud.group("juju-ec2-" + kvMachine).orElseThrow().permissions())
                        .as("expose authorized the port kvstore opened, in its machine's group")
                        .contains(new CloudPermission("tcp", kvPort, kvPort, List.of("0.0.0.0/0"), List.of())));
        String webMachine = state.units().machine(UnitName.parse("webfront/0")).orElseThrow().toString();
        assertThat(webMachine).isNotIn("0", kvMachine);
        assertThat(cloud.group("juju-ec2-" + webMachine).orElseThrow().permissions())
                .as("webfront opens no port, so its exposed machine's group authorizes none").isEmpty();

        client.close();
        client = null;
        long destroying = System.nanoTime();
        ok(BOOTSTRAP, "destroy-environment", "-y", "-e", "ec2");
        destroyed = true;
        long destroyedAt = System.nanoTime();
        assertThat(cloud.instances()).as("every instance terminated").hasSize(3)
                .allSatisfy(instance -> assertThat(instance.state()).isEqualTo("terminated"));
        assertThat(boot.existing()).as("no container left").isEmpty();
        for (String group : List.of("juju-ec2", "juju-ec2-0", "juju-ec2-1", "juju-ec2-2")) {
            assertThat(cloud.group(group)).as("group " + group + " deleted").isEmpty();
        }
        assertThat(cloud.objects(bucket)).as("provider-state deleted").doesNotContainKey("provider-state");

        System.out.printf("Ec2LxcIT timings: bootstrap %d s, deploy to units started %d s, to relation data exchanged %d s,"
                        + " destroy-environment %d s%n", seconds(started, bootstrapped), seconds(deploying, unitsStarted),
                seconds(deploying, related), seconds(destroying, destroyedAt));
    }

    private static long seconds(long from, long to) {
        return Duration.ofNanos(to - from).toSeconds();
    }
}
