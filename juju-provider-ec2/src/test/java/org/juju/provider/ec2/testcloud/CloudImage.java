package org.juju.provider.ec2.testcloud;

/** A machine image DescribeImages lists (always {@code available}); {@code creationDate} is ISO-8601. */
public record CloudImage(String id, String name, String ownerId, String architecture, String creationDate) {
}
