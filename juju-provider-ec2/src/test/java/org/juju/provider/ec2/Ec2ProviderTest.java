package org.juju.provider.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.Instance;
import org.juju.provider.MachineSpec;
import org.juju.provider.Port;
import org.juju.provider.ProgressListener;
import org.juju.provider.ec2.testcloud.Clients;
import org.juju.provider.ec2.testcloud.CloudFault;
import org.juju.provider.ec2.testcloud.CloudInstance;
import org.juju.provider.ec2.testcloud.CloudRequest;
import org.juju.provider.ec2.testcloud.TestCloud;
import org.juju.state.error.ProviderException;
import org.juju.state.model.MachineId;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Every call of the EC2 provider through the real SDK over HTTP against the test cloud (whose
 * instances boot nothing here): what it sends, what it leaves in the cloud, its retries and its
 * error messages.
 */
class Ec2ProviderTest {
    private static final RetrySettings FAST_RETRIES = new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(50));
    @TempDir
    Path home;
    private TestCloud cloud;
    private int tlsPort;

    @BeforeEach
    void startCloud() throws Exception {
        cloud = TestCloud.start();
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            tlsPort = socket.getLocalPort();  // nothing listens there: machine 0 boots nothing here
        }
    }

    @AfterEach
    void stopCloud() {
        cloud.close();
    }

    private Map<String, Object> keys() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("type", "ec2");
        keys.put("control-bucket", "juju-test-bucket");
        keys.put("admin-secret", "s3cret");
        keys.put("default-series", "bookworm");
        keys.put("access-key", cloud.accessKey());
        keys.put("secret-key", cloud.secretKey());
        keys.put("ec2-uri", cloud.ec2Endpoint().toString());
        keys.put("s3-uri", cloud.s3Endpoint().toString());
        keys.put("authorized-keys", "ssh-ed25519 AAAAkey user@laptop");
        keys.put("bootstrap-timeout", "1");
        keys.put("zookeeper-tls-port", String.valueOf(tlsPort));
        return keys;
    }

    /** One set of certificates for the whole class (keytool takes seconds); each test gets a copy. */
    private static Path certificates;

    @org.junit.jupiter.api.BeforeAll
    static void generateCertificates(@TempDir Path dir) {
        certificates = org.juju.state.store.tls.StateServerCertificates.generate(dir.resolve("tls"), "juju-aws-state").dir();
    }

    private Ec2Provider provider(Map<String, Object> keys) {
        Path tls = home.resolve("environments/aws/tls");
        if (!Files.exists(tls)) {
            try (var files = Files.list(certificates)) {
                Files.createDirectories(tls);
                for (Path file : files.toList()) {
                    Files.copy(file, tls.resolve(file.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        EnvironmentConfig config = new EnvironmentConfig("aws", "ec2", keys, home.resolve("environments.yaml"));
        AgentDistribution tools = new AgentDistribution(List.of(jar()), java.util.Optional.empty());
        return new Ec2Provider(config, Ec2Config.of(config), FAST_RETRIES, () -> tools, Duration.ofMillis(20));
    }

    private Ec2Provider provider() {
        return provider(keys());
    }

    private Path jar() {
        try {
            Path jar = home.resolve("agents.jar");
            if (!Files.exists(jar)) {
                Files.write(jar, new byte[] {'P', 'K', 5, 6});
            }
            return jar;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bootstraps as far as it goes on instances that run nothing: machine 0 launched, provider-state saved. */
    private Ec2Provider bootstrapped() {
        Ec2Provider provider = provider();
        assertThatThrownBy(() -> provider.bootstrap(ProgressListener.NONE)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("did not run ZooKeeper within 1 s (bootstrap-timeout)");
        return provider;
    }

    private List<String> actions() {
        return cloud.requests().stream().map(CloudRequest::action).toList();
    }

    @Test
    void bootstrapCreatesTheBucketGroupsAndMachineZeroThenWaitsForZooKeeper() {
        List<String> progress = new java.util.ArrayList<>();
        Ec2Provider provider = provider();

        assertThatThrownBy(() -> provider.bootstrap(progress::add)).isInstanceOf(ProviderException.class)
                .hasMessage("machine 0 (" + cloud.instances().get(0).id() + ") did not run ZooKeeper within 1 s"
                        + " (bootstrap-timeout); its log is /var/lib/juju/log/boot.log");

        CloudInstance zero = cloud.instances().get(0);
        assertThat(zero.tags()).containsEntry("juju-env", "aws").containsEntry("juju-machine-id", "0");
        assertThat(zero.securityGroups()).containsExactly("juju-aws", "juju-aws-0");
        assertThat(zero.instanceType()).isEqualTo("t3.small");
        assertThat(zero.imageId()).as("the newest Debian 12 amd64 image").isEqualTo("ami-0deb12a0000000002");
        assertThat(zero.userData()).contains("ZooKeeperDaemon").contains("--secure-port " + tlsPort)
                .contains("ssh-ed25519 AAAAkey user@laptop").doesNotContain(cloud.secretKey()).doesNotContain("s3cret")
                .as("the agents' identities, derived from admin-secret")
                .contains("cat >\"$lib/agents/provisioning/credential\" <<'JUJU_EOF'\n"
                        + Identities.provisioningAgent("s3cret").text())
                .contains("cat >\"$lib/agents/machine-0/credential\" <<'JUJU_EOF'\n"
                        + Identities.bootstrapMachineAgent("s3cret").text());
        assertThat(cloud.group("juju-aws").orElseThrow().permissions()).hasSize(2)
                .anySatisfy(p -> assertThat(p.fromPort()).isEqualTo(22))
                .anySatisfy(p -> assertThat(p.sourceGroups()).isNotEmpty());
        assertThat(cloud.group("juju-aws-0").orElseThrow().permissions()).singleElement()
                .satisfies(p -> assertThat(p.fromPort()).isEqualTo(tlsPort));
        assertThat(cloud.objects("juju-test-bucket")).containsKeys("provider-state", "bootstrap-verify")
                .hasEntrySatisfying("provider-state", data -> assertThat(new String(data)).contains(zero.id()));
        assertThat(home.resolve("environments/aws/tls/client.p12")).exists();
        assertThat(progress).anyMatch(line -> line.startsWith("Uploading the agent distribution tools/juju-"))
                .anyMatch(line -> line.equals("Machine 0 (" + zero.id() + ") is running."));
        assertThat(provider.stateServer()).hasValueSatisfying(server -> {
            assertThat(server.connectString()).isEqualTo("127.0.0.1:" + tlsPort);
            assertThat(server.tls()).isPresent();
        });
    }

    @Test
    void anEnvironmentWithoutAdminSecretStartsItsAgentsWithoutIdentities() {
        Map<String, Object> keys = keys();
        keys.remove("admin-secret");

        assertThatThrownBy(() -> provider(keys).bootstrap(ProgressListener.NONE)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("did not run ZooKeeper within 1 s");

        assertThat(cloud.instances().get(0).userData()).contains("AgentMain provisioning").doesNotContain("credential");
    }

    @Test
    void bootstrapAgainWaitsForTheSameMachineZeroInsteadOfLaunchingAnother() {
        bootstrapped();
        cloud.clearRequests();

        assertThatThrownBy(() -> bootstrapped().bootstrap(ProgressListener.NONE)).isInstanceOf(ProviderException.class);

        assertThat(actions()).doesNotContain("RunInstances", "CreateSecurityGroup", "PutObject");
        assertThat(cloud.instances()).hasSize(1);
    }

    @Test
    void aBootstrapInterruptedBeforeSavingProviderStateIsResumedWithTheSameMachineZero() {
        bootstrapped();
        String zero = cloud.instances().get(0).id();
        try (software.amazon.awssdk.services.s3.S3Client s3 = Clients.s3(cloud)) {
            s3.deleteObject(r -> r.bucket("juju-test-bucket").key(ProviderState.KEY));
        }
        cloud.clearRequests();

        assertThatThrownBy(() -> provider().bootstrap(ProgressListener.NONE)).isInstanceOf(ProviderException.class);

        assertThat(actions()).doesNotContain("RunInstances");
        assertThat(cloud.instances()).extracting(CloudInstance::id).containsExactly(zero);
        assertThat(new String(cloud.objects("juju-test-bucket").get(ProviderState.KEY))).contains(zero);
    }

    @Test
    void stateServerIsEmptyUntilBootstrapped() {
        assertThat(provider().stateServer()).isEmpty();
    }

    @Test
    void machinesAreLaunchedOnceTaggedInTheirGroupsAndListed() {
        Ec2Provider provider = bootstrapped();
        var machines = provider.machines();
        cloud.clearRequests();

        AgentIdentity identity = Identities.bootstrapMachineAgent("s3cret").with(new Credential("machine-1",
                Credential.randomToken()));
        MachineSpec spec = new MachineSpec(MachineId.parse("1"), "bookworm", "172.31.0.10:2181", Optional.of(identity));
        Instance first = machines.startMachine(spec);
        Instance again = machines.startMachine(spec);

        assertThat(again.instanceId()).isEqualTo(first.instanceId());
        assertThat(actions()).containsOnlyOnce("RunInstances");
        CloudInstance one = cloud.instance(first.instanceId()).orElseThrow();
        assertThat(one.securityGroups()).containsExactly("juju-aws", "juju-aws-1");
        assertThat(one.tags()).containsEntry("juju-machine-id", "1").containsEntry("Name", "juju-aws-machine-1");
        assertThat(one.userData()).contains("zookeeper='172.31.0.10:2181'").contains("AgentMain machine --id 1")
                .contains("X-Amz-Signature").doesNotContain("ZooKeeperDaemon")
                .contains("cat >\"$lib/agents/machine-1/credential\" <<'JUJU_EOF'\n" + identity.text());
        assertThat(first.address()).as("the private address, known at launch").isEqualTo(one.privateAddress())
                .startsWith("172.31.");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(machines.listMachines())
                .extracting(Instance::machine, Instance::state, Instance::publicAddress)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MachineId.parse("0"), "running", "127.0.0.1"),
                        org.assertj.core.groups.Tuple.tuple(MachineId.parse("1"), "running", "127.0.0.1")));
    }

    @Test
    void portsFollowTheWantedSetAndMachineZeroKeepsTheStateServerPort() {
        Ec2Provider provider = bootstrapped();
        var machines = provider.machines();
        Instance one = machines.startMachine(new MachineSpec(MachineId.parse("1"), "bookworm", "z:2181"));
        String zero = cloud.instances().get(0).id();

        machines.setOpenPorts(one.instanceId(), Set.of(Port.parse("80"), Port.parse("53/udp")));
        assertThat(machines.openPorts(one.instanceId())).containsExactlyInAnyOrder(Port.parse("80"), Port.parse("53/udp"));
        machines.setOpenPorts(one.instanceId(), Set.of(Port.parse("443")));
        assertThat(machines.openPorts(one.instanceId())).containsExactly(Port.parse("443"));
        assertThat(cloud.group("juju-aws-1").orElseThrow().permissions()).singleElement()
                .satisfies(p -> assertThat(p.cidrs()).containsExactly("0.0.0.0/0"));

        machines.setOpenPorts(zero, Set.of(Port.parse("8080")));
        assertThat(machines.openPorts(zero)).containsExactly(Port.parse("8080"));
        machines.setOpenPorts(zero, Set.of());
        assertThat(cloud.group("juju-aws-0").orElseThrow().permissions()).as("ZooKeeper's TLS port stays open")
                .singleElement().satisfies(p -> assertThat(p.fromPort()).isEqualTo(tlsPort));
    }

    @Test
    void aProvisioningRoundReadsEveryGroupInOneCall() {
        Ec2Provider provider = bootstrapped();
        var machines = provider.machines();
        machines.startMachine(new MachineSpec(MachineId.parse("1"), "bookworm", "z:2181"));
        machines.startMachine(new MachineSpec(MachineId.parse("2"), "bookworm", "z:2181"));
        cloud.clearRequests();

        List<Instance> instances = machines.listMachines();
        instances.forEach(instance -> machines.openPorts(instance.instanceId()));

        assertThat(instances).hasSize(3);
        assertThat(actions()).containsExactly("DescribeInstances", "DescribeSecurityGroups");
    }

    @Test
    void aStoppedMachinesGroupIsDeletedOnceItsInstanceIsTerminated() {
        Ec2Provider provider = bootstrapped();
        var machines = provider.machines();
        Instance one = machines.startMachine(new MachineSpec(MachineId.parse("1"), "bookworm", "z:2181"));

        machines.stopMachine(one.instanceId());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            machines.prepareAhead();
            assertThat(cloud.group("juju-aws-1")).isEmpty();
        });

        assertThat(cloud.instance(one.instanceId()).orElseThrow().state()).isEqualTo("terminated");
        assertThat(machines.listMachines()).extracting(Instance::machine).containsExactly(MachineId.parse("0"));
        assertThat(cloud.group("juju-aws-0")).isPresent();
        machines.stopMachine(one.instanceId());  // idempotent
    }

    @Test
    void aTakingOverAgentSweepsGroupsOfMachinesThatAreGoneButNothingElse() {
        Ec2Provider provider = bootstrapped();
        try (Ec2Client ec2 = Clients.ec2(cloud)) {
            ec2.createSecurityGroup(r -> r.groupName("juju-aws-7").description("left over"));
            ec2.createSecurityGroup(r -> r.groupName("juju-aws-prod").description("another environment"));
            ec2.createSecurityGroup(r -> r.groupName("juju-aws-prod-1").description("another environment"));
        }

        provider.machines().prepareAhead();

        assertThat(cloud.group("juju-aws-7")).isEmpty();
        assertThat(cloud.group("juju-aws-prod")).isPresent();
        assertThat(cloud.group("juju-aws-prod-1")).isPresent();
        assertThat(cloud.group("juju-aws-0")).isPresent();
        assertThat(cloud.group("juju-aws")).isPresent();
    }

    @Test
    void charmsGoToTheBucketAndMachinesFetchThemThroughAPresignedUrl() throws Exception {
        Ec2Provider provider = bootstrapped();
        Path bundle = Files.write(home.resolve("mysql.charm"), "bundle bytes".getBytes());

        String url = provider.charmStorage().put("local_mysql-1.charm", bundle);

        assertThat(url).startsWith(cloud.s3Endpoint().toString()).contains("X-Amz-Expires=604800");
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try (InputStream in = connection.getInputStream()) {
            assertThat(new String(in.readAllBytes())).isEqualTo("bundle bytes");
        }
        Path copy = home.resolve("copy.charm");
        provider.charmStorage().get("local_mysql-1.charm", copy);
        assertThat(copy).hasContent("bundle bytes");
        assertThatThrownBy(() -> provider.charmStorage().get("nothing.charm", copy))
                .hasMessageContaining("no object 'charms/nothing.charm'");
    }

    @Test
    void throttlingIsRetriedByTheSdkWithBackoff() {
        Ec2Provider provider = bootstrapped();
        cloud.inject("RunInstances", CloudFault.THROTTLING, 2);
        cloud.clearRequests();

        provider.machines().startMachine(new MachineSpec(MachineId.parse("1"), "bookworm", "z:2181"));

        List<CloudRequest> runs = cloud.requests().stream().filter(r -> r.action().equals("RunInstances")).toList();
        assertThat(runs).extracting(CloudRequest::status).containsExactly(503, 503, 200);
        assertThat(runs).extracting(r -> r.params().get("ClientToken")).as("each retry is the same idempotent launch")
                .doesNotContainNull().containsOnly(runs.get(0).params().get("ClientToken"));
        assertThat(cloud.instances()).hasSize(2);
    }

    @Test
    void awsErrorsAreOneLineNamingTheCallAndTheCode() {
        Ec2Provider provider = bootstrapped();
        var spec = new MachineSpec(MachineId.parse("1"), "bookworm", "z:2181");

        cloud.inject("RunInstances", CloudFault.INSTANCE_LIMIT, 1);
        assertThatThrownBy(() -> provider.machines().startMachine(spec)).isInstanceOf(ProviderException.class)
                .hasMessage("ec2 RunInstances failed: InstanceLimitExceeded: You have requested more instances than your"
                        + " current instance limit allows.");
        cloud.inject("RunInstances", CloudFault.INSUFFICIENT_CAPACITY, 3);
        assertThatThrownBy(() -> provider.machines().startMachine(spec))
                .hasMessageStartingWith("ec2 RunInstances failed: InsufficientInstanceCapacity");

        Map<String, Object> wrongSecret = keys();
        wrongSecret.put("secret-key", "not-the-secret");
        assertThatThrownBy(() -> provider(wrongSecret).machines().listMachines()).isInstanceOf(ProviderException.class)
                .hasMessageStartingWith("ec2 DescribeInstances failed: SignatureDoesNotMatch")
                .hasMessageEndingWith("(check access-key and secret-key, or the SDK's default credentials)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret").doesNotContain("\n"));
        Map<String, Object> unknownKey = keys();
        unknownKey.put("access-key", "AKIAUNKNOWN000000000");
        assertThatThrownBy(() -> provider(unknownKey).machines().listMachines())
                .hasMessageStartingWith("ec2 DescribeInstances failed: AuthFailure")
                .hasMessageContaining("check access-key and secret-key");
        assertThatThrownBy(() -> provider(unknownKey).stateServer())
                .hasMessageStartingWith("s3 GetObject provider-state failed: InvalidAccessKeyId");
    }

    @Test
    void anUnreachableCloudIsNamedInOneLine() {
        Map<String, Object> keys = keys();
        keys.put("ec2-uri", "http://127.0.0.1:1");
        assertThatThrownBy(() -> provider(keys).machines().listMachines()).isInstanceOf(ProviderException.class)
                .hasMessageStartingWith("ec2 DescribeInstances failed: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void destroyTerminatesOnlyThisEnvironmentsInstancesAndDeletesItsGroupsAndProviderState() {
        Ec2Provider provider = bootstrapped();
        provider.machines().startMachine(new MachineSpec(MachineId.parse("1"), "bookworm", "z:2181"));
        String foreign;
        try (Ec2Client ec2 = Clients.ec2(cloud)) {
            foreign = ec2.runInstances(r -> r.imageId("ami-0deb12a0000000002").minCount(1).maxCount(1)
                    .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE)
                            .tags(tag -> tag.key("juju-env").value("other")))).instances().get(0).instanceId();
        }
        List<String> progress = new java.util.ArrayList<>();

        provider.destroy(progress::add);

        assertThat(cloud.instances()).filteredOn(i -> !i.id().equals(foreign)).extracting(CloudInstance::state)
                .containsOnly("terminated");
        assertThat(cloud.instance(foreign).orElseThrow().state()).isNotEqualTo("terminated");
        assertThat(cloud.group("juju-aws")).isEmpty();
        assertThat(cloud.group("juju-aws-0")).isEmpty();
        assertThat(cloud.group("juju-aws-1")).isEmpty();
        assertThat(cloud.objects("juju-test-bucket")).doesNotContainKey("provider-state");
        assertThat(home.resolve("environments/aws/tls")).doesNotExist();
        assertThat(provider.stateServer()).isEmpty();
        assertThat(progress).anyMatch(line -> line.startsWith("Terminating 2 instance(s)"))
                .anyMatch(line -> line.contains("stay in bucket juju-test-bucket"));
        provider.destroy(ProgressListener.NONE);  // nothing left: still fine
    }

    @Test
    void agentsGetTheCredentialsInUseButNeverTheAdminSecret() {
        Map<String, Object> config = provider().agentConfig();

        assertThat(config).containsEntry("access-key", cloud.accessKey()).containsEntry("secret-key", cloud.secretKey())
                .containsEntry("authorized-keys", "ssh-ed25519 AAAAkey user@laptop").doesNotContainKey("admin-secret");
    }

    @Test
    void withoutKeysTheSdksDefaultChainIsUsedAndAgentsGetWhatItFound() {
        Map<String, Object> keys = keys();
        keys.remove("access-key");
        keys.remove("secret-key");
        System.setProperty("aws.accessKeyId", cloud.accessKey());
        System.setProperty("aws.secretAccessKey", cloud.secretKey());
        try {
            Ec2Provider provider = provider(keys);

            assertThat(provider.machines().listMachines()).isEmpty();
            assertThat(cloud.requests()).last().satisfies(r -> assertThat(r.accessKey()).isEqualTo(cloud.accessKey()));
            assertThat(provider.agentConfig()).containsEntry("access-key", cloud.accessKey())
                    .containsEntry("secret-key", cloud.secretKey());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
