package org.juju.provider.ec2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.juju.provider.Instance;
import org.juju.provider.MachineProvider;
import org.juju.provider.MachineSpec;
import org.juju.provider.Port;
import org.juju.state.error.ProviderException;
import org.juju.state.model.MachineId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * EC2 instances as machines. Every instance is tagged at launch (in the RunInstances call itself,
 * so there is no untagged moment) with {@value #ENV_TAG} and {@value #MACHINE_TAG}; the provider
 * lists, reuses and terminates only instances carrying its environment's tag, so it never touches
 * an instance it did not start. A machine's group {@code juju-ENV-ID} is deleted once its instance
 * is terminated: {@link #stopMachine} remembers it and {@link #prepareAhead} deletes it when AWS
 * allows (after the instance has left {@code shutting-down}); the first call also sweeps groups
 * left by a crashed provisioning agent.
 *
 * <p>A machine's agent gets the identity of its {@link MachineSpec} as the file
 * {@code /var/lib/juju/agents/machine-N/credential}, which its user data writes before it starts the
 * agent (see {@link UserData}: user data is readable through the EC2 API of the account and from
 * the instance metadata service on the instance).
 */
final class Ec2Machines implements MachineProvider {
    static final String ENV_TAG = "juju-env";
    static final String MACHINE_TAG = "juju-machine-id";
    static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped");
    /** How long the agent distribution URL in a new machine's user data stays valid. */
    static final Duration TOOLS_URL_VALIDITY = Duration.ofHours(6);
    private static final Logger LOG = LoggerFactory.getLogger(Ec2Machines.class);

    private final AwsClients clients;
    private final Ec2Config config;
    private final ControlBucket bucket;
    private final SecurityGroups groups;
    private final Images images;
    private final Map<String, String> machineOfInstance = new ConcurrentHashMap<>();
    private final Set<String> groupsToDelete = ConcurrentHashMap.newKeySet();
    private volatile boolean swept;
    private volatile Map<String, SecurityGroup> roundGroups = new ConcurrentHashMap<>();

    Ec2Machines(AwsClients clients, Ec2Config config, ControlBucket bucket) {
        this.clients = clients;
        this.config = config;
        this.bucket = bucket;
        this.groups = new SecurityGroups(clients, config);
        this.images = new Images(clients, config);
    }

    SecurityGroups groups() {
        return groups;
    }

    @Override
    public Instance startMachine(MachineSpec spec) {
        String id = spec.id().toString();
        Optional<Instance> existing = instancesOf(Optional.of(id)).stream().findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        ProviderState state = bucket.providerState().orElseThrow(() -> new ProviderException("environment '"
                + config.name() + "' has no provider-state in bucket " + bucket.name() + ": is it bootstrapped?"));
        String toolsUrl = bucket.presignedGet(state.toolsKey(), TOOLS_URL_VALIDITY);
        UserData userData = new UserData(id, config.name(), toolsUrl, state.toolsSha256(), spec.zooKeeper(),
                config.authorizedKeys(), Optional.empty(), spec.identity());
        groups.ensureEnvironmentGroup();
        groups.ensureMachineGroup(id);
        groupsToDelete.remove(config.machineGroup(id));
        return launch(id, spec.series(), userData);
    }

    /** Runs one instance for machine {@code id} with {@code userData}, tagged and in its two groups. */
    Instance launch(String id, String series, UserData userData) {
        String type = config.instanceType().orElseGet(() -> InstanceTypes.cheapest(config.constraints()));
        String arch = InstanceTypes.archOf(type).orElse(config.constraints().arch());
        String image = images.imageFor(series, arch);
        String encoded = userData.encoded();
        TagSpecification tags = TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(
                Tag.builder().key(ENV_TAG).value(config.name()).build(),
                Tag.builder().key(MACHINE_TAG).value(id).build(),
                Tag.builder().key("Name").value("juju-" + config.name() + "-machine-" + id).build()).build();
        Optional<String> zone = config.constraints().zoneIn(config.region());
        // One token per launch: the SDK's retries of this call repeat it, so a retry after an answer
        // that was lost on the way starts no second instance (EC2 returns the first one).
        String clientToken = java.util.UUID.randomUUID().toString();
        var reservation = AwsCalls.call("ec2", "RunInstances", () -> clients.ec2().runInstances(r -> {
            r.imageId(image).instanceType(type).minCount(1).maxCount(1).userData(encoded).clientToken(clientToken)
                    .securityGroups(config.environmentGroup(), config.machineGroup(id)).tagSpecifications(tags);
            zone.ifPresent(z -> r.placement(p -> p.availabilityZone(z)));
        }));
        var launched = reservation.instances().get(0);
        machineOfInstance.put(launched.instanceId(), id);
        LOG.info("machine {} launched as {} ({}, {})", id, launched.instanceId(), type, image);
        return toInstance(launched, id);
    }

    @Override
    public void stopMachine(String instanceId) {
        String machine = machineOfInstance.get(instanceId);
        AwsCalls.callUnless("ec2", "TerminateInstances " + instanceId, AwsCalls.codes("InvalidInstanceID.NotFound"),
                () -> clients.ec2().terminateInstances(r -> r.instanceIds(instanceId)));
        if (machine != null && !machine.equals("0")) {
            groupsToDelete.add(config.machineGroup(machine));
        }
        machineOfInstance.remove(instanceId);
    }

    /** The live instances of the environment; also reads its groups for the round's firewall ({@link #openPorts}). */
    @Override
    public List<Instance> listMachines() {
        List<Instance> instances = instancesOf(Optional.empty());
        roundGroups = new ConcurrentHashMap<>(groups.ofEnvironment());
        return instances;
    }

    /** Deletes the groups of terminated machines (the first time: every machine group without a live instance). */
    @Override
    public void prepareAhead() {
        if (!swept) {
            Set<String> live = new LinkedHashSet<>();
            listMachines().forEach(instance -> live.add(config.machineGroup(instance.machine().toString())));
            groups.existing().stream().filter(group -> !group.equals(config.environmentGroup())
                    && !group.equals(config.machineGroup("0")) && !live.contains(group)).forEach(groupsToDelete::add);
            swept = true;
        }
        for (String group : List.copyOf(groupsToDelete)) {
            if (groups.delete(group)) {
                groupsToDelete.remove(group);
                LOG.info("deleted security group {}", group);
            }
        }
    }

    @Override
    public void setOpenPorts(String instanceId, Set<Port> ports) {
        String group = config.machineGroup(machineOf(instanceId));
        Set<Port> wanted = new java.util.TreeSet<>(ports);
        if (group.equals(config.machineGroup("0"))) {
            wanted.add(new Port(config.zooKeeperTlsPort(), "tcp"));
        }
        groups.setWorldPorts(group, worldPortsOf(group), wanted);
        roundGroups.remove(group);
    }

    @Override
    public Set<Port> openPorts(String instanceId) {
        String group = config.machineGroup(machineOf(instanceId));
        Set<Port> open = worldPortsOf(group);
        if (group.equals(config.machineGroup("0"))) {
            open.remove(new Port(config.zooKeeperTlsPort(), "tcp"));
        }
        return open;
    }

    /**
     * The ports {@code group} opens to the world: from the groups {@link #listMachines} read at the
     * start of the provisioning round (so a round costs one DescribeSecurityGroups, not one per
     * machine), else read now.
     */
    private Set<Port> worldPortsOf(String group) {
        SecurityGroup read = roundGroups.get(group);
        return read != null ? SecurityGroups.worldPorts(read) : groups.worldPorts(group);
    }

    /** The live instances of this environment (of one machine when {@code machine} is given). */
    List<Instance> instancesOf(Optional<String> machine) {
        List<Filter> filters = new ArrayList<>();
        filters.add(Filter.builder().name("tag:" + ENV_TAG).values(config.name()).build());
        filters.add(Filter.builder().name("instance-state-name").values(LIVE_STATES).build());
        machine.ifPresent(id -> filters.add(Filter.builder().name("tag:" + MACHINE_TAG).values(id).build()));
        List<Reservation> reservations = AwsCalls.call("ec2", "DescribeInstances", () -> clients.ec2()
                .describeInstances(r -> r.filters(filters)).reservations());
        List<Instance> instances = new ArrayList<>();
        for (Reservation reservation : reservations) {
            for (var instance : reservation.instances()) {
                Optional<String> id = instance.tags().stream().filter(t -> MACHINE_TAG.equals(t.key()))
                        .map(Tag::value).filter(v -> v.matches("\\d+")).findFirst();
                if (id.isPresent()) {
                    machineOfInstance.put(instance.instanceId(), id.get());
                    instances.add(toInstance(instance, id.get()));
                }
            }
        }
        instances.sort(java.util.Comparator.comparing(Instance::machine));
        return instances;
    }

    private String machineOf(String instanceId) {
        String machine = machineOfInstance.get(instanceId);
        if (machine != null) {
            return machine;
        }
        var reservations = AwsCalls.call("ec2", "DescribeInstances " + instanceId, () -> clients.ec2()
                .describeInstances(r -> r.instanceIds(instanceId)).reservations());
        return reservations.stream().flatMap(r -> r.instances().stream()).flatMap(i -> i.tags().stream())
                .filter(t -> MACHINE_TAG.equals(t.key())).map(Tag::value).findFirst()
                .orElseThrow(() -> new ProviderException("instance " + instanceId + " is not a machine of environment '"
                        + config.name() + "'"));
    }

    /**
     * The machine of an instance. Its address is the private one: the one EC2 gives at launch, and
     * the one the environment's machines reach each other on (the group's rule admits members by
     * group, which matches private addresses only), so units relate over it. Its public address
     * (shown as the machine's {@code dns-name}) comes once it runs.
     */
    static Instance toInstance(software.amazon.awssdk.services.ec2.model.Instance instance, String machineId) {
        String address = firstNonBlank(instance.privateIpAddress(), instance.publicIpAddress(), instance.publicDnsName());
        String state = instance.state() == null ? "pending" : instance.state().nameAsString();
        return new Instance(instance.instanceId(), MachineId.parse(machineId), address, state,
                firstNonBlank(instance.publicIpAddress(), instance.publicDnsName()));
    }

    /** Where a client outside the cloud reaches an instance: its public address, else its private one. */
    static String reachableAddress(software.amazon.awssdk.services.ec2.model.Instance instance) {
        return firstNonBlank(instance.publicIpAddress(), instance.publicDnsName(), instance.privateIpAddress());
    }

    static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }
}
