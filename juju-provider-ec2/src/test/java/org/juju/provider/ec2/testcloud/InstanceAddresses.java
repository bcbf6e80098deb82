package org.juju.provider.ec2.testcloud;

/** The addresses a booted instance has; either may be {@code null} (then the instance reports none). */
public record InstanceAddresses(String privateAddress, String publicAddress) {
}
