package org.juju.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.juju.state.codec.Json;
import org.juju.state.error.StateUnavailableException;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AclPolicy;
import org.juju.state.security.AgentAccessView;
import org.juju.state.security.AgentIdentity;

/**
 * The debug-log records under {@code /logs}: their JSON form, written by the agents, and their
 * retention, kept by the provisioning agent. A record is
 * {@code {"time": "2026-11-27T20:23:39.123Z", "context": "unit:mysql/0", "level": "INFO", "message": "…"}}
 * in a PERSISTENT_SEQUENTIAL node {@code /logs/log-NNNNNNNNNN}; the sequence number orders them.
 */
public final class LogRecords {
    /** How many records {@link #trim} keeps: the newest. Documented in {@code docs/state-tree.md}. */
    public static final int RETAINED = 10_000;
    /** The levels a record may have, lowest first. */
    public static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARNING", "ERROR");
    private static final int DELETES_PER_MULTI = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private LogRecords() {
    }

    /** The data of one record; {@code message} is made one line (line breaks become spaces). */
    public static byte[] encode(Instant time, String context, String level, String message) {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("time", TIME.format(time.truncatedTo(ChronoUnit.MILLIS)));
        record.put("context", context);
        record.put("level", level);
        record.put("message", message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
        return Json.write(record).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The ACL of the records an agent creates ({@link AclPolicy}): the admin has every right, the
     * provisioning agent READ and DELETE, the writer none. Open in an environment without
     * identities (an agent without a credential file).
     */
    public static List<ACL> acl(Optional<AgentIdentity> writer) {
        return writer.map(identity -> AclPolicy.acl(StatePaths.logRecordPrefix(), new AgentAccessView(identity, List.of())))
                .orElse(ZooDefs.Ids.OPEN_ACL_UNSAFE);
    }

    /** The operation that appends one record ({@link #encode}) with {@code acl} ({@link #acl}). */
    public static Op append(byte[] record, List<ACL> acl) {
        return Op.create(StatePaths.logRecordPrefix(), record, acl, CreateMode.PERSISTENT_SEQUENTIAL);
    }

    /**
     * Deletes the oldest records so that at most {@code keep} remain, in transactions of 100
     * deletions; a record deleted meanwhile by someone else is skipped. {@code client} must hold
     * DELETE on {@code /logs} (the admin, the provisioning agent).
     *
     * @return how many records it deleted
     * @throws StateUnavailableException if ZooKeeper cannot be reached
     */
    public static int trim(CuratorFramework client, int keep) {
        try {
            List<String> names = new ArrayList<>(client.getChildren().forPath(StatePaths.logs()));
            if (names.size() <= keep) {
                return 0;
            }
            names.sort(null);
            List<String> oldest = names.subList(0, names.size() - keep);
            int deleted = 0;
            for (int from = 0; from < oldest.size(); from += DELETES_PER_MULTI) {
                deleted += delete(client, oldest.subList(from, Math.min(oldest.size(), from + DELETES_PER_MULTI)));
            }
            return deleted;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateUnavailableException("interrupted while trimming the log records", e);
        } catch (Exception e) { // Curator declares Exception
            throw new StateUnavailableException("cannot trim the log records: " + e.getMessage(), e);
        }
    }

    private static int delete(CuratorFramework client, List<String> names) throws Exception {
        List<Op> ops = names.stream().map(name -> Op.delete(StatePaths.logs() + "/" + name, -1)).toList();
        try {
            client.getZookeeperClient().getZooKeeper().multi(ops);
            return names.size();
        } catch (KeeperException.NoNodeException e) {
            int deleted = 0;
            for (String name : names) {
                try {
                    client.delete().forPath(StatePaths.logs() + "/" + name);
                    deleted++;
                } catch (KeeperException.NoNodeException gone) {
                    // trimmed by another provisioning agent meanwhile
                }
            }
            return deleted;
        }
    }
}
