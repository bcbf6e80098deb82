package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.juju.it.TreeReads.relationOf;
import static org.juju.it.TreeReads.settings;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.juju.it.JujuProcess.Result;
import org.juju.provider.ec2.testcloud.CloudInstance;
import org.juju.provider.ec2.testcloud.CloudRequest;
import org.juju.provider.ec2.testcloud.ProcessBoot;
import org.juju.provider.ec2.testcloud.TestCloud;
import org.juju.state.JujuState;
import org.juju.state.io.FileTrees;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The EC2 path end to end without LXC: the real {@code bin/juju} against the EC2/S3 test cloud over
 * HTTP, whose instances run their user data as host processes ({@link ProcessBoot}): machine 0
 * fetches the agent distribution from the bucket, starts ZooKeeper (TLS port for the client) and
 * the provisioning agent, which starts the other machines through the test cloud. Asserts the
 * exact sequence of EC2 calls that change something, for bootstrap, deploy, expose,
 * terminate-machine and destroy-environment.
 */
class Ec2EnvironmentIT {
    private static final Duration CONVERGE = Duration.ofSeconds(180);
    private Path home;
    private Path instances;
    private ProcessBoot boot;
    private TestCloud cloud;
    private JujuProcess juju;
    private int zooKeeperPort;
    private CuratorFramework client;
    private JujuState state;

    @BeforeEach
    void startCloud() throws Exception {
        home = Files.createTempDirectory("juju-ec2-it");
        instances = Files.createTempDirectory("jb");
        boot = new ProcessBoot(instances);
        cloud = TestCloud.start(InetAddress.getLoopbackAddress(), boot);
        zooKeeperPort = freePort();
        Files.writeString(home.resolve("environments.yaml"), TestCloudEnvironments.yaml(cloud, "juju-it-bucket", """
                    zookeeper-port: %d
                    zookeeper-tls-port: %d
                """.formatted(zooKeeperPort, freePort())));
        juju = new JujuProcess(home);
    }

    /** Stops the cloud and its instances; after a failure it first prints the instances' logs. */
    @RegisterExtension
    final AfterEachCallback cleanUp = context -> {
        if (context.getExecutionException().isPresent() && home != null) {
            System.out.println("Instance logs:" + instanceLogs());
        }
        stopCloud();
    };

    private void stopCloud() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
            if (boot != null) {
                boot.close();
            }
            if (cloud != null) {
                cloud.close();
            }
        } finally {
            FileTrees.deleteQuietly(home, true);
            FileTrees.deleteQuietly(instances, true);
        }
    }

    private Result ok(String... args) throws Exception {
        Result result;
        try {
            result = juju.run(args);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + instanceLogs(), e);
        }
        assertThat(result.code()).as(() -> result + instanceLogs()).isZero();
        return result;
    }

    /** The last lines of every log of every instance, to explain a failure. */
    private String instanceLogs() {
        StringBuilder text = new StringBuilder();
        try (var files = Files.walk(instances)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".out")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                text.append("\n--- ").append(instances.relativize(log)).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size())));
            }
        } catch (Exception e) {
            text.append("\n(cannot read the instance logs: ").append(e).append(')');
        }
        return text.toString();
    }

    @Test
    void bootstrapDeployExposeTerminateAndDestroyOnTheTestCloud() throws Exception {
        long started = System.nanoTime();
        Result bootstrap = ok("bootstrap");
        long bootstrapped = System.nanoTime();
        assertThat(bootstrap.err()).contains("Uploading the agent distribution").contains("ZooKeeper answers at 127.0.0.1:");
        assertThat(actions()).as("bootstrap").containsExactly(
                "s3 CreateBucket", "s3 PutObject bootstrap-verify", "s3 PutObject tools",
                "ec2 CreateSecurityGroup juju-ec2", "ec2 AuthorizeSecurityGroupIngress juju-ec2",
                "ec2 AuthorizeSecurityGroupIngress juju-ec2", "ec2 CreateSecurityGroup juju-ec2-0",
                "ec2 AuthorizeSecurityGroupIngress juju-ec2-0", "ec2 RunInstances", "s3 PutObject provider-state");
        CloudInstance zero = cloud.instances().get(0);
        assertThat(zero.tags()).containsEntry("juju-env", "ec2").containsEntry("juju-machine-id", "0");
        assertThat(zero.securityGroups()).containsExactly("juju-ec2", "juju-ec2-0");
        assertThat(zero.userData()).doesNotContain(cloud.secretKey()).contains("ZooKeeperDaemon");
        assertThat(ok("bootstrap").out()).contains("already bootstrapped");
        connect();
        assertThat(state.store().read(StatePaths.providerSecrets()).orElseThrow().data())
                .as("the provisioning agent gets the credentials; the admin secret stays with the client")
                .containsEntry("access-key", cloud.accessKey()).doesNotContainKey("admin-secret");

        cloud.clearRequests();
        String repo = JujuProcess.ROOT.resolve("charms-examples").toString();
        long deploying = System.nanoTime();
        ok("deploy", "--repository", repo, "local:kvstore");
        // The test cloud lists an instance before it logs the request that made it: await both.
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(actions())
                .as("deploy: the charm to the bucket, then a machine for the unit").containsExactly(
                        "s3 PutObject charms", "ec2 CreateSecurityGroup juju-ec2-1", "ec2 RunInstances"));
        assertThat(cloud.instances()).hasSize(2);
        cloud.clearRequests();
        ok("deploy", "--repository", repo, "local:webfront");
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(actions()).as("deploy").containsExactly(
                "s3 PutObject charms", "ec2 CreateSecurityGroup juju-ec2-2", "ec2 RunInstances"));
        assertThat(cloud.instances()).hasSize(3);
        ok("add-relation", "webfront", "kvstore");
        awaitStarted("kvstore/0");
        awaitStarted("webfront/0");
        long unitsStarted = System.nanoTime();
        RelationId kv = relationOf(state, "webfront", "kv");
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(settings(state, kv, "kvstore/0")).containsKeys("host", "port").containsEntry("bucket-ready", "web");
            assertThat(settings(state, kv, "webfront/0")).containsEntry("bucket", "web");
        });
        assertThat(cloud.instances()).extracting(CloudInstance::state).containsOnly("running");

        Result ssh = juju.run("ssh", "kvstore/0", "true");
        assertThat(ssh.code()).as(ssh.toString()).isEqualTo(10);
        assertThat(ssh.err()).contains("'juju ssh' reaches the machines of local environments only");

        cloud.clearRequests();
        ok("expose", "kvstore");
        String kvMachine = machineOf("kvstore/0");
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(cloud.group("juju-ec2-" + kvMachine).orElseThrow()
                .permissions()).anySatisfy(p -> assertThat(p.cidrs()).contains("0.0.0.0/0")));
        assertThat(actions()).as("expose").containsExactly("ec2 AuthorizeSecurityGroupIngress juju-ec2-" + kvMachine);

        cloud.clearRequests();
        String webMachine = machineOf("webfront/0");
        ok("remove-unit", "webfront/0");
        await().atMost(CONVERGE).until(() -> state.units().unitsOf(ServiceName.of("webfront")).isEmpty());
        ok("terminate-machine", webMachine);
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(cloud.group("juju-ec2-" + webMachine)).isEmpty());
        assertThat(actions()).as("terminate-machine").containsExactly("ec2 TerminateInstances",
                "ec2 DeleteSecurityGroup juju-ec2-" + webMachine);
        assertThat(boot.processes(instanceOf(webMachine))).as("nothing of the machine runs").isEmpty();

        client.close();
        client = null;
        cloud.clearRequests();
        long destroying = System.nanoTime();
        Result destroy = ok("destroy-environment", "-y");
        System.out.printf("EC2 on the test cloud (process instances): bootstrap %.1f s, deploy of two services until"
                + " both units started %.1f s, destroy-environment %.1f s%n", (bootstrapped - started) / 1e9,
                (unitsStarted - deploying) / 1e9, (System.nanoTime() - destroying) / 1e9);
        assertThat(destroy.err() + destroy.out()).contains("Terminating 2 instance(s)");
        assertThat(actions()).as("destroy-environment").containsExactly("ec2 TerminateInstances",
                "ec2 DeleteSecurityGroup juju-ec2-0", "ec2 DeleteSecurityGroup juju-ec2-" + kvMachine,
                "ec2 DeleteSecurityGroup juju-ec2", "s3 DeleteObject provider-state");
        assertThat(cloud.instances()).extracting(CloudInstance::state).containsOnly("terminated");
        assertThat(cloud.group("juju-ec2")).isEmpty();
        assertThat(cloud.objects("juju-it-bucket")).doesNotContainKey("provider-state");
        assertThat(home.resolve("environments/ec2/tls")).doesNotExist();
        cloud.instances().forEach(instance -> assertThat(boot.processes(instance.id())).as(instance.id()).isEmpty());
        assertThat(juju.run("status").err()).as("the client finds no environment any more").contains("not bootstrapped");
    }

    /**
     * The successful calls that change something, as "service Action target", targets cut to their
     * kind (refused attempts, such as deleting a group while its instance shuts down, are left out).
     */
    private List<String> actions() {
        List<String> actions = new ArrayList<>();
        for (CloudRequest request : cloud.requests()) {
            if (request.status() >= 300 || request.action().startsWith("Describe") || request.action().startsWith("Get")
                    || request.action().startsWith("Head") || request.action().equals("ListObjectsV2")) {
                continue;
            }
            String target = request.service().equals("s3")
                    ? request.params().getOrDefault("key", "").replaceAll("/.*", "")
                    : request.params().getOrDefault("GroupName", "");
            actions.add((request.service() + " " + request.action() + " " + target).trim());
        }
        return actions;
    }

    private void connect() {
        client = AdminClient.connect("127.0.0.1:" + zooKeeperPort, "s3cret", Duration.ofSeconds(10));
        state = AdminClient.state(client);
    }

    private void awaitStarted(String unit) {
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(
                String.valueOf(state.units().status(UnitName.parse(unit)).get("agent-state"))).as(unit).isEqualTo("started"));
    }

    private String machineOf(String unit) {
        return state.units().machine(UnitName.parse(unit)).orElseThrow().toString();
    }

    private String instanceOf(String machine) {
        return cloud.instances().stream().filter(i -> machine.equals(i.tags().get("juju-machine-id")))
                .map(CloudInstance::id).findFirst().orElseThrow();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
