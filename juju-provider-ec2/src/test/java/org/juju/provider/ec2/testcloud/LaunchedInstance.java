package org.juju.provider.ec2.testcloud;

import java.util.Map;

/**
 * What {@link InstanceBoot#boot} is given about an instance RunInstances just created.
 *
 * @param userData the user data decoded from base64 (UTF-8), {@code ""} if none was given
 * @param tags     the tags from the instance's TagSpecification, as they were at launch
 */
public record LaunchedInstance(String id, String imageId, String instanceType, String userData, Map<String, String> tags) {
    public LaunchedInstance {
        tags = Map.copyOf(tags);
    }
}
