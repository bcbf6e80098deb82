package org.juju.provider.ec2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;

/**
 * The {@code provider-state} object of the control bucket: how clients find an environment.
 * {@code zookeeper-instances} lists the instances running ZooKeeper (machine 0), as in the
 * original; {@code tools} and {@code tools-sha256} name the agent distribution in the bucket, which
 * the provisioning agent hands to new machines.
 */
public record ProviderState(List<String> zooKeeperInstances, String toolsKey, String toolsSha256) {
    /** The object's key in the control bucket. */
    public static final String KEY = "provider-state";

    public ProviderState {
        zooKeeperInstances = List.copyOf(zooKeeperInstances);
    }

    /**
     * Parses the object's YAML.
     *
     * @throws InvalidInputException if it is not a provider-state document
     */
    public static ProviderState parse(byte[] data) {
        Map<String, Object> map = YamlCodec.parseMap(data, KEY);
        Object instances = map.get("zookeeper-instances");
        if (!(instances instanceof List<?> list) || list.stream().anyMatch(item -> !(item instanceof String))) {
            throw new InvalidInputException(KEY + ": expected a list of instance ids at 'zookeeper-instances'");
        }
        return new ProviderState(list.stream().map(String.class::cast).toList(),
                String.valueOf(map.getOrDefault("tools", "")), String.valueOf(map.getOrDefault("tools-sha256", "")));
    }

    public byte[] toBytes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("zookeeper-instances", zooKeeperInstances);
        map.put("tools", toolsKey);
        map.put("tools-sha256", toolsSha256);
        return YamlCodec.dumpBytes(map);
    }
}
