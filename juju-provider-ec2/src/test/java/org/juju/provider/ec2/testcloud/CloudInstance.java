package org.juju.provider.ec2.testcloud;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of an instance.
 *
 * @param state          {@code pending}, {@code running}, {@code shutting-down} or {@code terminated}
 * @param privateAddress {@code null} until booted
 * @param publicAddress  {@code null} until booted
 * @param securityGroups the names of its security groups
 * @param userData       decoded from base64 (UTF-8), {@code ""} if none
 * @param stateReason    why it was terminated when boot failed, otherwise {@code null}
 */
public record CloudInstance(String id, String imageId, String instanceType, String state, String privateAddress,
        String publicAddress, List<String> securityGroups, Map<String, String> tags, String availabilityZone,
        String userData, Instant launchTime, String stateReason) {
    public CloudInstance {
        securityGroups = List.copyOf(securityGroups);
        tags = Map.copyOf(tags);
    }
}
