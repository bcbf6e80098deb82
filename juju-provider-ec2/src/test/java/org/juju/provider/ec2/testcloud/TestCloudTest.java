package org.juju.provider.ec2.testcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

class TestCloudTest {
    private static final String DEBIAN = "ami-0deb12a0000000002";

    private TestCloud cloud;
    private Ec2Client ec2;

    private void start(InstanceBoot boot) {
        cloud = TestCloud.start(java.net.InetAddress.getLoopbackAddress(), boot);
        ec2 = Clients.ec2(cloud);
    }

    @AfterEach
    void stop() {
        if (ec2 != null) {
            ec2.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    private static RunInstancesRequest run(String env, String machine, String... groups) {
        return RunInstancesRequest.builder().imageId(DEBIAN).instanceType("t3.small").minCount(1).maxCount(1)
                .securityGroups(groups)
                .userData(Base64.getEncoder().encodeToString(("#!/bin/sh\necho machine " + machine).getBytes(StandardCharsets.UTF_8)))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("juju-env").value(env).build(),
                                Tag.builder().key("juju-machine").value(machine).build()).build())
                .build();
    }

    private List<String> ids(Filter... filters) {
        return ec2.describeInstances(r -> r.filters(filters)).reservations().stream()
                .flatMap(r -> r.instances().stream()).map(Instance::instanceId).toList();
    }

    private static org.awaitility.core.ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    private static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    @Test
    void runsInstancesAndDescribesThemByFilter() {
        start(InstanceBoot.NONE);
        ec2.createSecurityGroup(r -> r.groupName("juju-env1").description("env1"));
        Instance a = ec2.runInstances(run("env1", "0", "juju-env1")).instances().get(0);
        Instance b = ec2.runInstances(run("env2", "1")).instances().get(0);

        assertThat(a.instanceId()).matches("i-[0-9a-f]{17}");
        assertThat(a.state().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(a.tags()).extracting(Tag::key).containsExactly("juju-env", "juju-machine");
        assertThat(a.securityGroups()).extracting(g -> g.groupName()).containsExactly("juju-env1");
        assertThat(a.placement().availabilityZone()).isEqualTo("us-east-1a");
        assertThat(cloud.instance(a.instanceId()).orElseThrow().userData()).isEqualTo("#!/bin/sh\necho machine 0");

        assertThat(ids(filter("tag:juju-env", "env1"))).containsExactly(a.instanceId());
        assertThat(ids(filter("tag:juju-env", "env*"))).containsExactly(a.instanceId(), b.instanceId());
        assertThat(ids(filter("tag:juju-env", "env?"), filter("tag:juju-machine", "1"))).containsExactly(b.instanceId());
        assertThat(ids(filter("tag-key", "juju-*"))).hasSize(2);
        assertThat(ids(filter("instance.group-name", "juju-*"))).containsExactly(a.instanceId());
        assertThat(ids(filter("group-name", "default"))).containsExactly(b.instanceId());
        assertThat(ids(filter("availability-zone", "us-east-1b"))).isEmpty();
        assertThat(ids(filter("instance-id", b.instanceId()))).containsExactly(b.instanceId());
        assertThat(ec2.describeInstances(r -> r.instanceIds(a.instanceId())).reservations()).hasSize(1);

        eventually().untilAsserted(() ->
                assertThat(ids(filter("instance-state-name", "running"))).hasSize(2));
        Instance running = ec2.describeInstances(r -> r.instanceIds(a.instanceId())).reservations().get(0).instances().get(0);
        assertThat(running.privateIpAddress()).startsWith("172.31.");
        assertThat(running.publicIpAddress()).isEqualTo("127.0.0.1");

        assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-00000000000000000")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInstanceID.NotFound"));
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId("ami-nope").minCount(1).maxCount(1)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAMIID.NotFound"));
        assertThatThrownBy(() -> ec2.runInstances(run("env1", "2", "no-such-group")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGroup.NotFound"));
    }

    @Test
    void sameClientTokenReturnsTheSameReservation() {
        start(InstanceBoot.NONE);
        var first = ec2.runInstances(run("env", "0").toBuilder().clientToken("token-1").build());
        var again = ec2.runInstances(run("env", "0").toBuilder().clientToken("token-1").build());
        assertThat(again.reservationId()).isEqualTo(first.reservationId());
        assertThat(again.instances().get(0).instanceId()).isEqualTo(first.instances().get(0).instanceId());
        assertThat(cloud.instances()).hasSize(1);
    }

    @Test
    void instanceIsPendingUntilBootReturnsAndTerminatedStaysListed() throws Exception {
        CountDownLatch booted = new CountDownLatch(1);
        CountDownLatch terminated = new CountDownLatch(1);
        List<LaunchedInstance> launched = new CopyOnWriteArrayList<>();
        List<String> stopped = new CopyOnWriteArrayList<>();
        start(new InstanceBoot() {
            @Override
            public String privateAddress(LaunchedInstance instance) {
                return "10.1.2.3";
            }

            @Override
            public InstanceAddresses boot(LaunchedInstance instance) throws Exception {
                launched.add(instance);
                booted.await();
                return new InstanceAddresses(null, "127.0.0.1");
            }

            @Override
            public void terminate(String instanceId) throws Exception {
                stopped.add(instanceId);
                terminated.await();
            }
        });
        String id = ec2.runInstances(run("env", "0")).instances().get(0).instanceId();
        eventually().until(() -> launched.size() == 1);
        assertThat(launched.get(0).userData()).isEqualTo("#!/bin/sh\necho machine 0");
        assertThat(launched.get(0).tags()).containsEntry("juju-machine", "0");
        assertThat(cloud.instance(id).orElseThrow().state()).isEqualTo("pending");
        assertThat(cloud.instance(id).orElseThrow().privateAddress()).as("known from launch on, as on EC2")
                .isEqualTo("10.1.2.3");

        booted.countDown();
        eventually().until(() -> cloud.instance(id).orElseThrow().state().equals("running"));
        assertThat(cloud.instance(id).orElseThrow().privateAddress()).isEqualTo("10.1.2.3");

        var change = ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
        assertThat(change.previousState().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(change.currentState().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN);
        eventually().until(() -> stopped.equals(List.of(id)));
        assertThat(ids(filter("instance-state-name", "shutting-down"))).containsExactly(id);

        terminated.countDown();
        eventually().untilAsserted(() ->
                assertThat(ids(filter("instance-state-name", "terminated"))).containsExactly(id));
        assertThat(ids()).containsExactly(id);
        assertThat(ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).state().code())
                .isEqualTo(48);
    }

    @Test
    void bootFailureTerminatesTheInstanceWithAReason() {
        start(new InstanceBoot() {
            @Override
            public String privateAddress(LaunchedInstance instance) {
                return "10.1.2.4";
            }

            @Override
            public InstanceAddresses boot(LaunchedInstance instance) {
                throw new IllegalStateException("no such series");
            }

            @Override
            public void terminate(String instanceId) {
            }
        });
        String id = ec2.runInstances(run("env", "0")).instances().get(0).instanceId();
        eventually().until(() -> cloud.instance(id).orElseThrow().state().equals("terminated"));
        assertThat(cloud.instance(id).orElseThrow().stateReason()).contains("no such series");
        Instance described = ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
        assertThat(described.stateReason().message()).contains("no such series");
    }

    @Test
    void createsAndDeletesTags() {
        start(InstanceBoot.NONE);
        String id = ec2.runInstances(run("env", "0")).instances().get(0).instanceId();
        ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("Name").value("juju-env-machine-0").build()));
        assertThat(cloud.instance(id).orElseThrow().tags()).containsEntry("Name", "juju-env-machine-0");
        assertThat(ids(filter("tag:Name", "*machine-0"))).containsExactly(id);
        ec2.deleteTags(r -> r.resources(id).tags(Tag.builder().key("Name").build()));
        assertThat(cloud.instance(id).orElseThrow().tags()).doesNotContainKey("Name").containsKey("juju-env");
        assertThatThrownBy(() -> ec2.createTags(r -> r.resources("i-00000000000000000")
                .tags(Tag.builder().key("a").value("b").build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInstanceID.NotFound"));
    }

    @Test
    void securityGroupsRulesAndTheirErrors() {
        start(InstanceBoot.NONE);
        String envId = ec2.createSecurityGroup(r -> r.groupName("juju-env").description("juju group for env"))
                .groupId();
        assertThat(envId).matches("sg-[0-9a-f]{17}");
        ec2.createSecurityGroup(r -> r.groupName("juju-env-0").description("juju group for env machine 0"));
        assertThatThrownBy(() -> ec2.createSecurityGroup(r -> r.groupName("juju-env").description("again")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGroup.Duplicate"));

        ec2.authorizeSecurityGroupIngress(r -> r.groupName("juju-env").ipPermissions(
                p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(c -> c.cidrIp("0.0.0.0/0")),
                p -> p.ipProtocol("tcp").fromPort(0).toPort(65535).userIdGroupPairs(g -> g.groupName("juju-env")),
                p -> p.ipProtocol("-1").userIdGroupPairs(g -> g.groupId(envId))));
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(envId).ipPermissions(
                p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(c -> c.cidrIp("10.0.0.0/8"))));
        assertThatThrownBy(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupName("juju-env").ipPermissions(
                p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(c -> c.cidrIp("0.0.0.0/0")))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidPermission.Duplicate"));

        assertThat(cloud.group("juju-env").orElseThrow().permissions()).containsExactly(
                new CloudPermission("tcp", 22, 22, List.of("0.0.0.0/0", "10.0.0.0/8"), List.of()),
                new CloudPermission("tcp", 0, 65535, List.of(), List.of("juju-env")),
                new CloudPermission("-1", -1, -1, List.of(), List.of("juju-env")));
        var described = ec2.describeSecurityGroups(r -> r.groupNames("juju-env")).securityGroups().get(0);
        assertThat(described.groupId()).isEqualTo(envId);
        assertThat(described.description()).isEqualTo("juju group for env");
        assertThat(described.ipPermissions()).hasSize(3);
        assertThat(described.ipPermissions().get(0).ipRanges()).extracting(r -> r.cidrIp())
                .containsExactly("0.0.0.0/0", "10.0.0.0/8");
        assertThat(described.ipPermissions().get(1).userIdGroupPairs()).extracting(g -> g.groupName(), g -> g.groupId())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("juju-env", envId));
        assertThat(described.ipPermissions().get(2).fromPort()).isNull();
        assertThat(ec2.describeSecurityGroups(r -> r.filters(filter("group-name", "juju-env*"))).securityGroups())
                .extracting(g -> g.groupName()).containsExactly("juju-env", "juju-env-0");
        assertThat(ec2.describeSecurityGroups(r -> r.groupIds(envId)).securityGroups()).hasSize(1);
        assertThatThrownBy(() -> ec2.describeSecurityGroups(r -> r.groupNames("nope")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGroup.NotFound"));

        ec2.revokeSecurityGroupIngress(r -> r.groupName("juju-env").ipPermissions(
                p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(c -> c.cidrIp("10.0.0.0/8"))));
        assertThatThrownBy(() -> ec2.revokeSecurityGroupIngress(r -> r.groupName("juju-env").ipPermissions(
                p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(c -> c.cidrIp("10.0.0.0/8")))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidPermission.NotFound"));
        assertThat(cloud.group("juju-env").orElseThrow().permissions().get(0).cidrs()).containsExactly("0.0.0.0/0");

        // Referenced by a rule of another group.
        ec2.createSecurityGroup(r -> r.groupName("other").description("other"));
        ec2.authorizeSecurityGroupIngress(r -> r.groupName("other").ipPermissions(
                p -> p.ipProtocol("udp").fromPort(53).toPort(53).userIdGroupPairs(g -> g.groupName("juju-env-0"))));
        assertThatThrownBy(() -> ec2.deleteSecurityGroup(r -> r.groupName("juju-env-0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        ec2.deleteSecurityGroup(r -> r.groupName("other"));
        ec2.deleteSecurityGroup(r -> r.groupName("juju-env-0"));
        assertThat(cloud.group("juju-env-0")).isEmpty();
    }

    @Test
    void groupInUseByAnInstanceCannotBeDeletedUntilItIsTerminated() {
        start(InstanceBoot.NONE);
        ec2.createSecurityGroup(r -> r.groupName("juju-env-0").description("machine 0"));
        String id = ec2.runInstances(run("env", "0", "juju-env-0")).instances().get(0).instanceId();
        assertThatThrownBy(() -> ec2.deleteSecurityGroup(r -> r.groupName("juju-env-0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        ec2.terminateInstances(r -> r.instanceIds(id));
        eventually().until(() -> cloud.instance(id).orElseThrow().state().equals("terminated"));
        ec2.deleteSecurityGroup(r -> r.groupName("juju-env-0"));
        assertThat(cloud.group("juju-env-0")).isEmpty();
    }

    @Test
    void describesImagesByOwnerAndFilter() {
        start(InstanceBoot.NONE);
        List<Image> debian = ec2.describeImages(r -> r.owners("136693071363").filters(
                filter("name", "debian-12-amd64-*"), filter("architecture", "x86_64"), filter("state", "available")))
                .images();
        assertThat(debian).extracting(Image::name)
                .containsExactlyInAnyOrder("debian-12-amd64-20260915-1100", "debian-12-amd64-20261020-1234");
        Image newest = debian.stream().max(java.util.Comparator.comparing(Image::creationDate)).orElseThrow();
        assertThat(newest.imageId()).isEqualTo(DEBIAN);
        assertThat(ec2.describeImages(r -> r.owners("099720109477").filters(
                filter("name", "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"))).images()).hasSize(1);
        assertThat(ec2.describeImages(r -> r.filters(filter("architecture", "arm64"))).images())
                .extracting(Image::name).containsExactly("debian-12-arm64-20261020-1234");
        cloud.addImage("ami-0000000000000abcd", "custom-2027", "123456789012", "x86_64");
        assertThat(ec2.describeImages(r -> r.imageIds("ami-0000000000000abcd")).images()).hasSize(1);
    }

    @Test
    void listsZonesAndRegion() {
        start(InstanceBoot.NONE);
        assertThat(ec2.describeAvailabilityZones().availabilityZones()).extracting(z -> z.zoneName())
                .containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
        assertThat(ec2.describeRegions().regions()).extracting(r -> r.regionName()).containsExactly("us-east-1");
    }

    @Test
    void refusesOtherCredentialsAndUnsignedRequests() throws Exception {
        start(InstanceBoot.NONE);
        try (Ec2Client stranger = Clients.ec2(cloud, "AKIASTRANGER00000000", cloud.secretKey(), RetryMode.STANDARD);
                Ec2Client badSecret = Clients.ec2(cloud, cloud.accessKey(), "wrong", RetryMode.STANDARD)) {
            // HttpURLConnection drops the body of a 401 answer to a streamed request, so with the URL-connection
            // client the SDK sees the status (as against real EC2) but not the AuthFailure code.
            assertThatThrownBy(stranger::describeInstances)
                    .satisfies(e -> assertThat(((Ec2Exception) e).statusCode()).isEqualTo(401));
            assertThatThrownBy(badSecret::describeInstances)
                    .satisfies(e -> assertThat(code(e)).isEqualTo("SignatureDoesNotMatch"));
        }
        assertThat(cloud.requests()).extracting(CloudRequest::accessKey, CloudRequest::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("AKIASTRANGER00000000", 401),
                org.assertj.core.groups.Tuple.tuple(cloud.accessKey(), 403));

        HttpURLConnection c = (HttpURLConnection) cloud.ec2Endpoint().toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        c.getOutputStream().write("Action=DescribeInstances&Version=2016-11-15".getBytes(StandardCharsets.UTF_8));
        assertThat(c.getResponseCode()).isEqualTo(401);
        assertThat(new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("<Code>AuthFailure</Code>");
        assertThat(cloud.requests().get(2).accessKey()).isEmpty();
    }

    @Test
    void injectedThrottlingIsRetriedByTheStandardRetryMode() {
        start(InstanceBoot.NONE);
        cloud.inject("DescribeInstances", CloudFault.THROTTLING, 1);
        assertThat(ec2.describeInstances().reservations()).isEmpty();
        assertThat(cloud.requests()).extracting(CloudRequest::action, CloudRequest::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DescribeInstances", 503),
                org.assertj.core.groups.Tuple.tuple("DescribeInstances", 200));
        assertThat(cloud.ec2Actions()).containsExactly("DescribeInstances", "DescribeInstances");
        cloud.clearRequests();
        assertThat(cloud.requests()).isEmpty();
    }

    @Test
    void injectedCapacityAndLimitErrorsSurface() {
        start(InstanceBoot.NONE);
        cloud.inject("RunInstances", CloudFault.INSUFFICIENT_CAPACITY, 3);
        assertThatThrownBy(() -> ec2.runInstances(run("env", "0"))).satisfies(e -> {
            assertThat(code(e)).isEqualTo("InsufficientInstanceCapacity");
            assertThat(((Ec2Exception) e).statusCode()).isEqualTo(500);
        });
        // A 500 is retried: three attempts in the standard mode, all failing.
        assertThat(cloud.ec2Actions()).containsExactly("RunInstances", "RunInstances", "RunInstances");

        cloud.inject("RunInstances", CloudFault.INSTANCE_LIMIT, 1);
        assertThatThrownBy(() -> ec2.runInstances(run("env", "0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InstanceLimitExceeded"));
        assertThat(cloud.instances()).isEmpty();
        assertThat(ec2.runInstances(run("env", "0")).instances()).hasSize(1);
    }
}
