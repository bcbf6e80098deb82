package org.juju.state.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;

/** Every node of a ZooKeeper tree with its data and version: equal dumps mean nothing changed. */
public final class TreeDump {
    private TreeDump() {
    }

    public static Map<String, String> of(CuratorFramework client) throws Exception {
        Map<String, String> nodes = new TreeMap<>();
        dump(client, "/", nodes);
        nodes.keySet().removeIf(path -> path.startsWith("/zookeeper"));
        return nodes;
    }

    /** Every path of the tree but ZooKeeper's own ({@code /zookeeper}), as {@code client} may list them. */
    public static java.util.List<String> paths(CuratorFramework client) throws Exception {
        return new java.util.ArrayList<>(of(client).keySet());
    }

    private static void dump(CuratorFramework client, String path, Map<String, String> nodes) throws Exception {
        Stat stat = new Stat();
        byte[] data = client.getData().storingStatIn(stat).forPath(path);
        nodes.put(path, "v" + stat.getVersion() + " " + (data == null ? "" : new String(data, StandardCharsets.UTF_8)));
        for (String child : client.getChildren().forPath(path)) {
            dump(client, path.equals("/") ? "/" + child : path + "/" + child, nodes);
        }
    }
}
