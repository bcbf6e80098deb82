package org.juju.agents.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.zookeeper.server.DataTree;
import org.apache.zookeeper.server.ServerMetrics;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.StateUnavailableException;

/**
 * Snapshots of a ZooKeeper 3.9 server's counters and their difference per benchmark phase.
 *
 * <p>A snapshot holds what the {@code mntr} four-letter word prints (keys without the
 * {@code zk_} prefix), read either over the client port ({@link #mntr}, needs {@code mntr} in
 * {@code 4lw.commands.whitelist}, system property {@code zookeeper.4lw.commands.whitelist}) or
 * straight from an in-process server ({@link #of}); both give the same keys. The meaning of each
 * figure and its limits are in docs/benchmarks.md, "What the toolkit measures". ZooKeeper's
 * metrics are JVM-wide: servers in one JVM share the summary counters (request counts,
 * per-namespace counts, watches fired), so a delta counts the requests of all of them.
 */
public final class ZooKeeperCounters {
    private static final int TIMEOUT_MS = 10_000;

    private ZooKeeperCounters() {
    }

    /** Sends {@code mntr} to the first server of {@code connectString} (a chroot is ignored). */
    public static Snapshot mntr(String connectString) {
        String first = connectString.split(",")[0];
        int slash = first.indexOf('/');
        String hostPort = slash < 0 ? first : first.substring(0, slash);
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new InvalidInputException("connect string has no port: " + connectString);
        }
        String text = fourLetterWord(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), "mntr");
        if (!text.contains("zk_version")) {
            throw new StateUnavailableException("mntr refused by " + hostPort + " (add it to 4lw.commands.whitelist): "
                    + text.strip());
        }
        return parse(text);
    }

    /**
     * The same figures as {@code mntr}, read from a server running in this JVM. The gauges of
     * the tree and the packet counts are read from {@code server} itself: the JVM-wide metrics
     * provider holds the gauges of the last server started, and loses them when any server stops.
     */
    public static Snapshot of(ZooKeeperServer server) {
        Map<String, String> values = new TreeMap<>();
        server.dumpMonitorValues((key, value) -> values.put(key, String.valueOf(value)));
        ServerMetrics.getMetrics().getMetricsProvider().dump((key, value) -> values.put(key, String.valueOf(value)));
        DataTree tree = server.getZKDatabase().getDataTree();
        values.put("znode_count", String.valueOf(tree.getNodeCount()));
        values.put("watch_count", String.valueOf(tree.getWatchCount()));
        values.put("approximate_data_size", String.valueOf(tree.cachedApproximateDataSize()));
        values.put("packets_received", String.valueOf(server.serverStats().getPacketsReceived()));
        values.put("packets_sent", String.valueOf(server.serverStats().getPacketsSent()));
        values.put("outstanding_requests", String.valueOf(server.serverStats().getOutstandingRequests()));
        return new Snapshot(values);
    }

    /** A snapshot from {@code mntr} output: tab-separated {@code zk_key value} lines. */
    static Snapshot parse(String mntrOutput) {
        Map<String, String> values = new TreeMap<>();
        for (String line : mntrOutput.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                String key = line.substring(0, tab);
                values.put(key.startsWith("zk_") ? key.substring(3) : key, line.substring(tab + 1).strip());
            }
        }
        return new Snapshot(values);
    }

    private static String fourLetterWord(String host, int port, String word) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new StateUnavailableException("cannot send " + word + " to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The server's counters at one moment; absent figures read as 0. */
    public record Snapshot(Map<String, String> values) {
        public Snapshot {
            values = Collections.unmodifiableMap(new TreeMap<>(values));
        }

        /** The figure {@code key} (without {@code zk_}) as a whole number, 0 when absent. */
        public long get(String key) {
            String value = values.get(key);
            if (value == null) {
                return 0;
            }
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return (long) Double.parseDouble(value);
            }
        }

        /** Packets the server received: every request, including pings and session set-up. */
        public long packetsReceived() {
            return get("packets_received");
        }

        /** Packets the server sent: replies plus watch notifications. */
        public long packetsSent() {
            return get("packets_sent");
        }

        /** Requests queued and not yet answered. */
        public long outstandingRequests() {
            return get("outstanding_requests");
        }

        /** Sum of path lengths and data sizes of all znodes, bytes. */
        public long approximateDataSize() {
            return get("approximate_data_size");
        }

        /** Number of znodes, including /zookeeper and its children. */
        public long znodeCount() {
            return get("znode_count");
        }

        /** Watches registered right now (data and child watches, each path-session pair once). */
        public long watchCount() {
            return get("watch_count");
        }

        /**
         * Transactions completed: every write (create, setData, delete, multi as one), including
         * failed ones, plus session creation and closing.
         */
        public long updateRequests() {
            return get("cnt_updatelatency");
        }

        /** Non-transaction requests completed: getData, exists, getChildren, sync ... and pings. */
        public long readRequests() {
            return get("cnt_readlatency");
        }

        /**
         * Successful write operations on user paths, summed over the top-level namespaces (each
         * operation inside a multi counts); excludes sessions and failed writes.
         */
        public long namespaceWrites() {
            return sumOver("_write_per_namespace", "cnt_");
        }

        /** Bytes written by {@link #namespaceWrites}. */
        public long namespaceWriteBytes() {
            return sumOver("_write_per_namespace", "sum_");
        }

        /** getData and getChildren on user paths that returned data; exists and pings are not counted. */
        public long namespaceReads() {
            return sumOver("_read_per_namespace", "cnt_");
        }

        /** Bytes returned by {@link #namespaceReads}. */
        public long namespaceReadBytes() {
            return sumOver("_read_per_namespace", "sum_");
        }

        /** Watches fired: the total number of watchers notified of created, deleted, changed and child events. */
        public long watchesFired() {
            return get("sum_node_created_watch_count") + get("sum_node_deleted_watch_count")
                    + get("sum_node_changed_watch_count") + get("sum_node_children_watch_count");
        }

        /** Write and read counts per top-level namespace, e.g. {@code {"machines": {"writes": 3, "reads": 9}}}. */
        public Map<String, Map<String, Long>> perNamespace() {
            Map<String, Map<String, Long>> result = new TreeMap<>();
            for (String key : values.keySet()) {
                for (String kind : new String[] {"write", "read"}) {
                    String suffix = "_" + kind + "_per_namespace";
                    if (key.startsWith("cnt_") && key.endsWith(suffix)) {
                        String namespace = key.substring(4, key.length() - suffix.length());
                        result.computeIfAbsent(namespace, n -> new TreeMap<>()).put(kind + "s", get(key));
                    }
                }
            }
            return result;
        }

        private long sumOver(String suffix, String prefix) {
            long sum = 0;
            for (String key : values.keySet()) {
                if (key.startsWith(prefix) && key.endsWith(suffix)) {
                    sum += get(key);
                }
            }
            return sum;
        }
    }

    /**
     * What happened on the server between two snapshots.
     *
     * @param writes successful writes on user paths ({@link Snapshot#namespaceWrites})
     * @param reads getData/getChildren on user paths ({@link Snapshot#namespaceReads})
     * @param transactions all transactions including sessions and failed writes
     * @param requestsWithoutTransaction all other requests including exists and pings
     * @param watchesSet watches registered: the change of {@code watch_count} plus the watches
     *     fired in between (a fired watch is gone); watches dropped by closed sessions make it an
     *     undercount
     * @param watchesFired watchers notified
     * @param znodesAdded change of the node count (negative when nodes were deleted)
     * @param dataBytesAdded change of the approximate data size
     */
    public record Delta(long writes, long reads, long writeBytes, long readBytes, long transactions,
                        long requestsWithoutTransaction, long watchesSet, long watchesFired,
                        long packetsReceived, long packetsSent, long znodesAdded, long dataBytesAdded) {

        /** Plain data for JSON. */
        public Map<String, Object> toData() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("writes", writes);
            data.put("reads", reads);
            data.put("writeBytes", writeBytes);
            data.put("readBytes", readBytes);
            data.put("transactions", transactions);
            data.put("requestsWithoutTransaction", requestsWithoutTransaction);
            data.put("watchesSet", watchesSet);
            data.put("watchesFired", watchesFired);
            data.put("packetsReceived", packetsReceived);
            data.put("packetsSent", packetsSent);
            data.put("znodesAdded", znodesAdded);
            data.put("dataBytesAdded", dataBytesAdded);
            return data;
        }
    }

    /** The counters' change from {@code before} to {@code after}. */
    public static Delta delta(Snapshot before, Snapshot after) {
        long fired = after.watchesFired() - before.watchesFired();
        return new Delta(
                after.namespaceWrites() - before.namespaceWrites(),
                after.namespaceReads() - before.namespaceReads(),
                after.namespaceWriteBytes() - before.namespaceWriteBytes(),
                after.namespaceReadBytes() - before.namespaceReadBytes(),
                after.updateRequests() - before.updateRequests(),
                after.readRequests() - before.readRequests(),
                after.watchCount() - before.watchCount() + fired,
                fired,
                after.packetsReceived() - before.packetsReceived(),
                after.packetsSent() - before.packetsSent(),
                after.znodeCount() - before.znodeCount(),
                after.approximateDataSize() - before.approximateDataSize());
    }
}
