package org.juju.provider.ec2.testcloud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The mutable records behind the EC2 API; guarded by the {@link Ec2Service} lock. */
final class Ec2State {
    private Ec2State() {
    }

    static final class Instance {
        final String id;
        final String reservationId;
        final String imageId;
        final String instanceType;
        final String availabilityZone;
        final String userData;
        final List<Group> groups;
        final Map<String, String> tags = new LinkedHashMap<>();
        final Instant launchTime;
        final int launchIndex;
        String state = "pending";
        String privateAddress;
        String publicAddress;
        String stateReason;

        Instance(String id, String reservationId, String imageId, String instanceType, String availabilityZone,
                String userData, List<Group> groups, Instant launchTime, int launchIndex) {
            this.id = id;
            this.reservationId = reservationId;
            this.imageId = imageId;
            this.instanceType = instanceType;
            this.availabilityZone = availabilityZone;
            this.userData = userData;
            this.groups = List.copyOf(groups);
            this.launchTime = launchTime;
            this.launchIndex = launchIndex;
        }

        int stateCode() {
            return switch (state) {
                case "pending" -> 0;
                case "running" -> 16;
                case "shutting-down" -> 32;
                case "terminated" -> 48;
                default -> 80;
            };
        }

        boolean alive() {
            return !state.equals("terminated");
        }

        CloudInstance snapshot() {
            return new CloudInstance(id, imageId, instanceType, state, privateAddress, publicAddress,
                    groups.stream().map(g -> g.name).toList(), tags, availabilityZone, userData, launchTime, stateReason);
        }
    }

    static final class Group {
        final String id;
        final String name;
        final String description;
        final List<Rule> rules = new ArrayList<>();
        final Map<String, String> tags = new LinkedHashMap<>();

        Group(String id, String name, String description) {
            this.id = id;
            this.name = name;
            this.description = description;
        }

        /** Rules merged by protocol and port range, in the order they were first authorized. */
        List<CloudPermission> permissions() {
            Map<List<Object>, List<Rule>> byRange = new LinkedHashMap<>();
            for (Rule r : rules) {
                byRange.computeIfAbsent(List.of(r.protocol, r.fromPort, r.toPort), k -> new ArrayList<>()).add(r);
            }
            List<CloudPermission> out = new ArrayList<>();
            for (List<Rule> rs : byRange.values()) {
                Rule first = rs.get(0);
                out.add(new CloudPermission(first.protocol, first.fromPort, first.toPort,
                        rs.stream().filter(r -> r.cidr != null).map(r -> r.cidr).toList(),
                        rs.stream().filter(r -> r.source != null).map(r -> r.source.name).toList()));
            }
            return out;
        }

        CloudSecurityGroup snapshot() {
            return new CloudSecurityGroup(id, name, description, permissions());
        }
    }

    /** One ingress grant: a port range to one CIDR or to one source group. */
    record Rule(String protocol, int fromPort, int toPort, String cidr, Group source) {
        boolean same(Rule o) {
            return protocol.equals(o.protocol) && fromPort == o.fromPort && toPort == o.toPort
                    && Objects.equals(cidr, o.cidr) && source == o.source;
        }
    }
}
