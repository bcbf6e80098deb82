package org.juju.provider.ec2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.juju.provider.Port;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * The environment's security groups, as the original: {@code juju-ENV} (SSH from anywhere, all
 * traffic between the environment's machines) and one {@code juju-ENV-ID} per machine, where
 * {@code expose} opens ports to the world. Ports are single-port rules from {@code 0.0.0.0/0}.
 */
final class SecurityGroups {
    static final String ANYWHERE = "0.0.0.0/0";
    private final AwsClients clients;
    private final Ec2Config config;

    SecurityGroups(AwsClients clients, Ec2Config config) {
        this.clients = clients;
        this.config = config;
    }

    /** Creates {@code juju-ENV} with its two rules if missing (and adds a missing rule to an existing one). */
    void ensureEnvironmentGroup() {
        String name = config.environmentGroup();
        SecurityGroup group = find(name).orElseGet(() -> create(name, "juju group for environment " + config.name()));
        if (!hasWorldPort(group, new Port(22, "tcp"))) {
            authorize(name, worldRule(new Port(22, "tcp")));
        }
        boolean internal = group.ipPermissions().stream().anyMatch(p -> "-1".equals(p.ipProtocol())
                && p.userIdGroupPairs().stream().anyMatch(pair -> name.equals(pair.groupName())
                || group.groupId().equals(pair.groupId())));
        if (!internal) {
            authorize(name, IpPermission.builder().ipProtocol("-1")
                    .userIdGroupPairs(UserIdGroupPair.builder().groupId(group.groupId()).build()).build());
        }
    }

    /**
     * Creates a machine's group, or empties a left-over one of an earlier machine of the same id,
     * so that a new machine starts with no port open.
     */
    void ensureMachineGroup(String machineId) {
        String name = config.machineGroup(machineId);
        Optional<SecurityGroup> existing = find(name);
        if (existing.isEmpty()) {
            create(name, "juju group for machine " + machineId + " of environment " + config.name());
            return;
        }
        if (!existing.get().ipPermissions().isEmpty()) {
            AwsCalls.run("ec2", "RevokeSecurityGroupIngress " + name, () -> clients.ec2().revokeSecurityGroupIngress(
                    r -> r.groupName(name).ipPermissions(existing.get().ipPermissions())));
        }
    }

    /** The single ports open to the world in {@code group} (one DescribeSecurityGroups). */
    Set<Port> worldPorts(String group) {
        return find(group).map(SecurityGroups::worldPorts).orElseGet(TreeSet::new);
    }

    /** The single ports open to the world in {@code group}. */
    static Set<Port> worldPorts(SecurityGroup group) {
        Set<Port> ports = new TreeSet<>();
        group.ipPermissions().stream()
                .filter(p -> ("tcp".equals(p.ipProtocol()) || "udp".equals(p.ipProtocol()))
                        && p.fromPort() != null && p.fromPort().equals(p.toPort())
                        && p.ipRanges().stream().anyMatch(r -> ANYWHERE.equals(r.cidrIp())))
                .forEach(p -> ports.add(new Port(p.fromPort(), p.ipProtocol())));
        return ports;
    }

    /**
     * Opens exactly {@code wanted} to the world in {@code group}, where {@code open} are open now
     * (authorizing and revoking the difference).
     */
    void setWorldPorts(String group, Set<Port> open, Set<Port> wanted) {
        List<IpPermission> add = new ArrayList<>();
        wanted.stream().filter(port -> !open.contains(port)).forEach(port -> add.add(worldRule(port)));
        List<IpPermission> remove = new ArrayList<>();
        open.stream().filter(port -> !wanted.contains(port)).forEach(port -> remove.add(worldRule(port)));
        if (!add.isEmpty()) {
            AwsCalls.run("ec2", "AuthorizeSecurityGroupIngress " + group, () -> clients.ec2()
                    .authorizeSecurityGroupIngress(r -> r.groupName(group).ipPermissions(add)));
        }
        if (!remove.isEmpty()) {
            AwsCalls.run("ec2", "RevokeSecurityGroupIngress " + group, () -> clients.ec2()
                    .revokeSecurityGroupIngress(r -> r.groupName(group).ipPermissions(remove)));
        }
    }

    /**
     * This environment's groups that exist, by name, read in one call: its machine groups
     * ({@code juju-ENV-N}, by number), then its own. Other environments' groups whose names share
     * the prefix ({@code juju-ENV-prod}) are not among them.
     */
    java.util.Map<String, SecurityGroup> ofEnvironment() {
        String prefix = config.environmentGroup();
        List<SecurityGroup> groups = AwsCalls.call("ec2", "DescribeSecurityGroups", () -> clients.ec2()
                .describeSecurityGroups(r -> r.filters(f -> f.name("group-name").values(prefix, prefix + "-*")))
                .securityGroups());
        java.util.Map<String, SecurityGroup> byName = new java.util.LinkedHashMap<>();
        String machineGroup = java.util.regex.Pattern.quote(prefix) + "-\\d+";
        groups.stream().filter(g -> g.groupName().matches(machineGroup))
                .sorted(java.util.Comparator.comparingLong(g -> Long.parseLong(g.groupName().substring(prefix.length() + 1))))
                .forEach(g -> byName.put(g.groupName(), g));
        groups.stream().filter(g -> g.groupName().equals(prefix)).forEach(g -> byName.put(g.groupName(), g));
        return byName;
    }

    /** The names of this environment's groups that exist (see {@link #ofEnvironment}). */
    List<String> existing() {
        return List.copyOf(ofEnvironment().keySet());
    }

    /**
     * Deletes {@code group}; returns false if AWS refuses because an instance still uses it
     * ({@code DependencyViolation}, e.g. while it shuts down) and true when it is gone.
     */
    boolean delete(String group) {
        try {
            clients.ec2().deleteSecurityGroup(r -> r.groupName(group));
            return true;
        } catch (Ec2Exception e) {
            String code = AwsCalls.errorCode(e);
            if (code.equals("InvalidGroup.NotFound")) {
                return true;
            }
            if (code.equals("DependencyViolation") || code.equals("InvalidGroup.InUse")) {
                return false;
            }
            throw AwsCalls.failure("ec2", "DeleteSecurityGroup " + group, e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.failure("ec2", "DeleteSecurityGroup " + group, e);
        }
    }

    void authorizeWorld(String group, Port port) {
        if (!worldPorts(group).contains(port)) {
            authorize(group, worldRule(port));
        }
    }

    Optional<SecurityGroup> find(String name) {
        return AwsCalls.callUnless("ec2", "DescribeSecurityGroups " + name, AwsCalls.codes("InvalidGroup.NotFound"),
                () -> clients.ec2().describeSecurityGroups(r -> r.groupNames(name)).securityGroups().stream()
                        .findFirst().orElse(null));
    }

    private SecurityGroup create(String name, String description) {
        String id = AwsCalls.call("ec2", "CreateSecurityGroup " + name, () -> clients.ec2()
                .createSecurityGroup(r -> r.groupName(name).description(description)).groupId());
        return SecurityGroup.builder().groupId(id).groupName(name).description(description).build();
    }

    /** Authorizes {@code rule} in {@code group}; a rule the group has already is no error. */
    private void authorize(String group, IpPermission rule) {
        AwsCalls.callUnless("ec2", "AuthorizeSecurityGroupIngress " + group, AwsCalls.codes("InvalidPermission.Duplicate"),
                () -> clients.ec2().authorizeSecurityGroupIngress(r -> r.groupName(group).ipPermissions(rule)));
    }

    private static boolean hasWorldPort(SecurityGroup group, Port port) {
        return group.ipPermissions().stream().anyMatch(p -> port.protocol().equals(p.ipProtocol())
                && Integer.valueOf(port.number()).equals(p.fromPort()) && Integer.valueOf(port.number()).equals(p.toPort())
                && p.ipRanges().stream().anyMatch(r -> ANYWHERE.equals(r.cidrIp())));
    }

    static IpPermission worldRule(Port port) {
        return IpPermission.builder().ipProtocol(port.protocol()).fromPort(port.number()).toPort(port.number())
                .ipRanges(IpRange.builder().cidrIp(ANYWHERE).build()).build();
    }
}
