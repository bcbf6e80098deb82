package org.juju.provider.ec2.testcloud;

import java.util.List;

/**
 * One ingress rule of a security group as the test cloud holds it: a protocol and port range, opened to CIDR ranges
 * and/or source groups (by name).
 *
 * @param protocol {@code tcp}, {@code udp}, {@code icmp} or {@code -1} (all)
 */
public record CloudPermission(String protocol, int fromPort, int toPort, List<String> cidrs, List<String> sourceGroups) {
    public CloudPermission {
        cidrs = List.copyOf(cidrs);
        sourceGroups = List.copyOf(sourceGroups);
    }
}
