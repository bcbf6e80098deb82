package org.juju.agents.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZKUtil;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.StateUnavailableException;

/**
 * The physical limit every benchmark figure is divided by: what one plain ZooKeeper client gets
 * from the server with nothing of this project in between.
 *
 * <p>Latency: {@code ops} sequential {@code setData} then {@code ops} sequential {@code getData}
 * of one {@value #PAYLOAD_BYTES}-byte node, each timed alone. Throughput: {@code ops} asynchronous
 * {@code setData} then {@code ops} asynchronous {@code getData} with at most {@code inFlight}
 * outstanding, divided by the wall time until the last reply. Everything happens under a fresh
 * scratch node {@code /juju-bench-limits-<random>} (below the connect string's chroot, if any),
 * deleted at the end even on failure.
 */
public final class ZooKeeperLimits {
    /** Size of the node written and read, about a unit's status node. */
    public static final int PAYLOAD_BYTES = 200;
    private static final int SESSION_TIMEOUT_MS = 30_000;

    private ZooKeeperLimits() {
    }

    /**
     * The measured limits.
     *
     * @param writesPerSecond pipelined setData replies per second
     * @param readsPerSecond pipelined getData replies per second
     */
    public record Result(int ops, int inFlight, int payloadBytes, Percentiles writeLatency, Percentiles readLatency,
                         double writesPerSecond, double readsPerSecond) {

        /** Plain data for JSON. */
        public Map<String, Object> toData() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("ops", ops);
            data.put("inFlight", inFlight);
            data.put("payloadBytes", payloadBytes);
            data.put("writeLatencyMillis", writeLatency.toData());
            data.put("readLatencyMillis", readLatency.toData());
            data.put("writesPerSecond", writesPerSecond);
            data.put("readsPerSecond", readsPerSecond);
            return data;
        }
    }

    /**
     * Measures against {@code connectString}; {@code ops} and {@code inFlight} must be positive.
     *
     * @throws StateUnavailableException when no session is established within 30 s
     */
    public static Result measure(String connectString, int ops, int inFlight) throws InterruptedException {
        if (ops < 1 || inFlight < 1) {
            throw new InvalidInputException("ops and in-flight must be positive, got " + ops + " and " + inFlight);
        }
        ZooKeeper zk = connect(connectString);
        String scratch = "/juju-bench-limits-" + UUID.randomUUID();
        try {
            String node = scratch + "/node";
            byte[] payload = new byte[PAYLOAD_BYTES];
            zk.create(scratch, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            zk.create(node, payload, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            List<Double> writes = new ArrayList<>(ops);
            for (int i = 0; i < ops; i++) {
                long start = System.nanoTime();
                zk.setData(node, payload, -1);
                writes.add((System.nanoTime() - start) / 1e6);
            }
            List<Double> reads = new ArrayList<>(ops);
            for (int i = 0; i < ops; i++) {
                long start = System.nanoTime();
                zk.getData(node, false, null);
                reads.add((System.nanoTime() - start) / 1e6);
            }
            double writeRate = pipelined(ops, inFlight, done -> zk.setData(node, payload, -1, (rc, p, c, s) -> done.accept(rc), null));
            double readRate = pipelined(ops, inFlight, done -> zk.getData(node, false, (rc, p, c, d, s) -> done.accept(rc), null));
            return new Result(ops, inFlight, PAYLOAD_BYTES, Percentiles.ofMillis(writes), Percentiles.ofMillis(reads),
                    writeRate, readRate);
        } catch (KeeperException e) {
            throw new StateUnavailableException("ZooKeeper limits measurement failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(zk, scratch);
            zk.close();
        }
    }

    /** One asynchronous call that reports its result code to the given callback. */
    private interface AsyncCall {
        void start(java.util.function.IntConsumer done);
    }

    private static double pipelined(int ops, int inFlight, AsyncCall call) throws InterruptedException, KeeperException {
        Semaphore slots = new Semaphore(inFlight);
        CountDownLatch finished = new CountDownLatch(ops);
        AtomicInteger firstError = new AtomicInteger(KeeperException.Code.OK.intValue());
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            slots.acquire();
            call.start(rc -> {
                if (rc != KeeperException.Code.OK.intValue()) {
                    firstError.compareAndSet(KeeperException.Code.OK.intValue(), rc);
                }
                slots.release();
                finished.countDown();
            });
        }
        if (!finished.await(SESSION_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            throw new StateUnavailableException("ZooKeeper did not answer " + ops + " pipelined requests within 30 s");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (firstError.get() != KeeperException.Code.OK.intValue()) {
            throw KeeperException.create(KeeperException.Code.get(firstError.get()));
        }
        return ops / seconds;
    }

    private static ZooKeeper connect(String connectString) throws InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        try {
            ZooKeeper zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MS, event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            if (!connected.await(SESSION_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                zk.close();
                throw new StateUnavailableException("no ZooKeeper session with " + connectString + " within 30 s");
            }
            return zk;
        } catch (IOException e) {
            throw new StateUnavailableException("cannot connect to ZooKeeper at " + connectString + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(ZooKeeper zk, String path) throws InterruptedException {
        try {
            ZKUtil.deleteRecursive(zk, path);
        } catch (KeeperException e) {
            // Nothing was created, or the session is gone: nothing more can be cleaned.
        }
    }
}
