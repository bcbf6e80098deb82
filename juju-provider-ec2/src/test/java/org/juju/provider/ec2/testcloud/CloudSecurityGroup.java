package org.juju.provider.ec2.testcloud;

import java.util.List;

/** A snapshot of a security group: id ({@code sg-...}), name, description and its ingress rules. */
public record CloudSecurityGroup(String id, String name, String description, List<CloudPermission> permissions) {
    public CloudSecurityGroup {
        permissions = List.copyOf(permissions);
    }
}
