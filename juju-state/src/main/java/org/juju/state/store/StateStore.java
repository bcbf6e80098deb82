package org.juju.state.store;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.AccessDeniedException;
import org.juju.state.error.CorruptNodeException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.JujuException;
import org.juju.state.error.StaleVersionException;
import org.juju.state.error.StateUnavailableException;
import org.juju.state.security.AclSource;

/**
 * Reads and writes the state tree. The only class that talks to ZooKeeper for the state layer and
 * the only place a {@link KeeperException} is translated: guard failures of a transaction become a
 * retry of the whole attempt ({@link #retrying}), connection failures a
 * {@link StateUnavailableException}. Thread-safe.
 */
public final class StateStore {
    /** Attempts of a read-validate-write operation before giving up against concurrent writers. */
    private static final int MAX_ATTEMPTS = 20;
    private final CuratorFramework client;
    private final AclSource acls;

    /** A store whose new nodes are open to everyone: for environments and tests without identities. */
    public StateStore(CuratorFramework client) {
        this(client, AclSource.open());
    }

    /** A store whose new nodes get their ACL from {@code acls}. */
    public StateStore(CuratorFramework client, AclSource acls) {
        this.client = client;
        this.acls = acls;
    }

    /** Where the ACLs of the nodes this store creates come from. */
    public AclSource acls() {
        return acls;
    }

    /** The ACL of {@code path}; empty if it does not exist. */
    public Optional<List<ACL>> acl(String path) {
        return versionedAcl(path).map(VersionedAcl::acl);
    }

    /** A node's ACL and its ACL version ({@code aversion}). */
    public record VersionedAcl(List<ACL> acl, int version) {
    }

    /** The ACL of {@code path} with its version; empty if it does not exist. */
    public Optional<VersionedAcl> versionedAcl(String path) {
        return call(path, () -> {
            Stat stat = new Stat();
            try {
                List<ACL> acl = client.getACL().storingStatIn(stat).forPath(path);
                return Optional.of(new VersionedAcl(List.copyOf(acl), stat.getAversion()));
            } catch (KeeperException.NoNodeException e) {
                return Optional.<VersionedAcl>empty();
            }
        });
    }

    /**
     * Replaces the ACL of {@code path} if its ACL version is still {@code version}.
     *
     * @return false if the node is gone or its ACL changed meanwhile
     */
    public boolean setAcl(String path, List<ACL> acl, int version) {
        return call(path, () -> {
            try {
                client.setACL().withVersion(version).withACL(acl).forPath(path);
                return true;
            } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
                return false;
            }
        });
    }

    /**
     * The ACLs of many nodes at once, pipelined like {@link #readAll}; each outcome holds what
     * {@link #versionedAcl} of its path returns (empty if it does not exist) or throws.
     *
     * @return per distinct path, in the order given
     */
    public Map<String, ReadOutcome<Optional<VersionedAcl>>> aclAll(Collection<String> paths) {
        return pipelined(paths, PipelinedReads.GET_ACL, answer -> answer.missing() ? Optional.<VersionedAcl>empty()
                : Optional.of(new VersionedAcl(List.copyOf(answer.acl()), answer.stat().getAversion())));
    }

    /**
     * Sets many ACLs at once, pipelined like {@link #readAll}: each path's ACL becomes its entry's
     * {@code acl} if its ACL version is still the entry's {@code version}. Each outcome holds what
     * {@link #setAcl} of its path returns (false if the node is gone or its ACL changed meanwhile)
     * or throws.
     *
     * @return per path, in the order given
     */
    public Map<String, ReadOutcome<Boolean>> setAclAll(Map<String, VersionedAcl> wanted) {
        Map<String, Map.Entry<List<ACL>, Integer>> requests = new LinkedHashMap<>();
        wanted.forEach((path, acl) -> requests.put(path, Map.entry(acl.acl(), acl.version())));
        return pipelined(wanted.keySet(), PipelinedReads.setAcl(requests), answer -> answer.ok());
    }

    /** The underlying client, for watchers and recipes (leader election, presence). */
    public CuratorFramework client() {
        return client;
    }

    /** Reads {@code path}; empty if it does not exist. */
    public Optional<Node> read(String path) {
        return call(path, () -> {
            Stat stat = new Stat();
            try {
                byte[] data = client.getData().storingStatIn(stat).forPath(path);
                return Optional.of(new Node(path, decode(path, data), stat.getVersion()));
            } catch (KeeperException.NoNodeException e) {
                return Optional.<Node>empty();
            }
        });
    }

    /**
     * Reads many nodes at once: the reads are pipelined ({@link PipelinedReads}), so a batch costs
     * about one round trip instead of one per path. Each outcome holds what {@link #read} of its path
     * returns (empty if the node does not exist) or throws (a {@link CorruptNodeException} for data
     * that is not a mapping, an {@link AccessDeniedException} for a node this identity may not read,
     * a {@link StateUnavailableException} for a lost connection), so one bad node fails only its own.
     *
     * @return per distinct path, in the order given
     * @throws StateUnavailableException if ZooKeeper cannot be reached at all or stops answering
     */
    public Map<String, ReadOutcome<Optional<Node>>> readAll(Collection<String> paths) {
        return pipelined(paths, PipelinedReads.GET_DATA,
                answer -> answer.missing() ? Optional.<Node>empty()
                        : Optional.of(new Node(answer.path(), decode(answer.path(), answer.data()), answer.stat().getVersion())));
    }

    /**
     * Lists the children of many nodes at once, pipelined like {@link #readAll}; each outcome holds
     * what {@link #children} of its path returns (sorted names, empty if it does not exist) or throws.
     *
     * @return per distinct path, in the order given
     */
    public Map<String, ReadOutcome<List<String>>> childrenAll(Collection<String> paths) {
        return pipelined(paths, PipelinedReads.GET_CHILDREN,
                answer -> answer.missing() ? List.<String>of() : answer.children().stream().sorted().toList());
    }

    private <T> Map<String, ReadOutcome<T>> pipelined(Collection<String> paths, PipelinedReads.Kind request,
                                                     PipelinedReads.Interpretation<T> interpretation) {
        if (paths.isEmpty()) {
            return Map.of();
        }
        ZooKeeper zk = call("pipelined reads", () -> {
            // The reads are not retried: wait out a reconnection first, as a single read's retries would.
            if (!client.getZookeeperClient().blockUntilConnectedOrTimedOut()) {
                throw new KeeperException.ConnectionLossException();
            }
            return client.getZookeeperClient().getZooKeeper();
        });
        return PipelinedReads.run(zk, List.copyOf(paths), request, interpretation, this::translated);
    }

    /** Reads {@code path} or throws what {@code missing} supplies. */
    public Node require(String path, Supplier<? extends JujuException> missing) {
        return read(path).orElseThrow(missing);
    }

    /**
     * A number that orders the creations of nodes: a node created later has a larger one (from the
     * creation zxid, folded into an int). Empty if {@code path} does not exist.
     */
    public Optional<Integer> creationOrder(String path) {
        return call(path, () -> {
            Stat stat = client.checkExists().forPath(path);
            return stat == null ? Optional.<Integer>empty() : Optional.of((int) (stat.getCzxid() & Integer.MAX_VALUE));
        });
    }

    /**
     * True if {@code path} exists, also when this identity may not read it (ZooKeeper checks the ACL
     * of a node that exists only, so a refusal means it is there).
     */
    public boolean exists(String path) {
        return call(path, () -> {
            try {
                return client.checkExists().forPath(path) != null;
            } catch (KeeperException.NoAuthException e) {
                return true;
            }
        });
    }

    /** The child names of {@code path}, sorted; empty if it does not exist. */
    public List<String> children(String path) {
        return call(path, () -> {
            try {
                return client.getChildren().forPath(path).stream().sorted().toList();
            } catch (KeeperException.NoNodeException e) {
                return List.<String>of();
            }
        });
    }

    /**
     * The child names of {@code path}, sorted; empty if it does not exist or this identity may not
     * list it (such as the provisioning agent on a unit's relation settings, which have no children):
     * for deleting subtrees, where a child left over makes the delete fail anyway.
     */
    public List<String> childrenIfReadable(String path) {
        return call(path, () -> {
            try {
                return client.getChildren().forPath(path).stream().sorted().toList();
            } catch (KeeperException.NoNodeException | KeeperException.NoAuthException e) {
                return List.<String>of();
            }
        });
    }

    /** A new, empty transaction; its new nodes get their ACLs from {@link #acls()}. */
    public Transaction transaction() {
        return new Transaction(this, acls);
    }

    /** A new, empty transaction whose new nodes get their ACLs from {@code source}. */
    public Transaction transaction(AclSource source) {
        return new Transaction(this, source);
    }

    /**
     * Applies {@code tx} as one {@code multi()}.
     *
     * @throws ConcurrentChangeException (inside {@link #retrying}) when a guard failed
     * @throws StateUnavailableException when ZooKeeper cannot be reached
     */
    public void commit(Transaction tx) {
        if (tx.isEmpty()) {
            return;
        }
        call("multi", () -> {
            try {
                client.getZookeeperClient().getZooKeeper().multi(tx.ops());
            } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException
                     | KeeperException.NoNodeException | KeeperException.NotEmptyException e) {
                throw new ConcurrentChangeException(e.code() + " at " + failedPath(tx, e));
            }
            return null;
        });
    }

    /**
     * Runs a read-validate-write {@code attempt} until its transaction commits. The attempt re-reads
     * everything it depends on each time, so validation errors it throws reflect the latest state.
     *
     * @throws StaleVersionException if concurrent writers win {@value #MAX_ATTEMPTS} times in a row
     */
    public <T> T retrying(String what, Supplier<T> attempt) {
        ConcurrentChangeException last = null;
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            try {
                return attempt.get();
            } catch (ConcurrentChangeException e) {
                last = e;
            }
        }
        throw new StaleVersionException(what + ": gave up after " + MAX_ATTEMPTS
                + " attempts against concurrent changes (" + last.getMessage() + ")");
    }

    /** Runs a void read-validate-write attempt; see {@link #retrying(String, Supplier)}. */
    public void retrying(String what, Runnable attempt) {
        retrying(what, () -> {
            attempt.run();
            return null;
        });
    }

    /** The path of the first operation of {@code tx} that failed, for diagnostics. */
    private static String failedPath(Transaction tx, KeeperException e) {
        List<org.apache.zookeeper.OpResult> results = e.getResults();
        for (int i = 0; results != null && i < results.size(); i++) {
            if (results.get(i) instanceof org.apache.zookeeper.OpResult.ErrorResult error
                    && error.getErr() != KeeperException.Code.OK.intValue()
                    && error.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                return tx.ops().get(i).getPath();
            }
        }
        return String.valueOf(e.getPath());
    }

    /**
     * Decodes znode data; empty data is an empty map.
     *
     * @throws CorruptNodeException naming the node if the data is not a YAML mapping
     */
    public static Map<String, Object> decode(String path, byte[] data) {
        if (data == null || data.length == 0) {
            return Map.of();
        }
        try {
            return YamlCodec.parseMap(new String(data, StandardCharsets.UTF_8), "znode " + path);
        } catch (InvalidInputException e) {
            throw new CorruptNodeException(path, e.getMessage(), e);
        }
    }

    private <T> T call(String what, ZkCall<T> call) {
        try {
            return call.run();
        } catch (JujuException | ConcurrentChangeException e) {
            throw e;
        } catch (Exception e) {
            throw translated(what, e);
        }
    }

    /** The exception the store throws for a ZooKeeper failure of {@code what}. */
    private RuntimeException translated(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new StateUnavailableException("interrupted while talking to ZooKeeper (" + what + ")", e);
        } else if (e instanceof KeeperException.NoAuthException noAuth) {
            String path = noAuth.getPath();
            return new AccessDeniedException("not allowed: " + what + (path == null || path.equals(what)
                    ? "" : " (" + path + ")") + " is not open to this identity");
        } else if (e instanceof KeeperException.ConnectionLossException || e instanceof KeeperException.SessionExpiredException) {
            return new StateUnavailableException("lost the connection to ZooKeeper at "
                    + client.getZookeeperClient().getCurrentConnectionString() + " (" + what + ")", e);
        }
        return new StateUnavailableException("ZooKeeper request failed (" + what + "): " + e, e);
    }

    @FunctionalInterface
    private interface ZkCall<T> {
        T run() throws Exception;
    }
}
