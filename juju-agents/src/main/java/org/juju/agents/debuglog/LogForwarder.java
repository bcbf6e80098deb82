package org.juju.agents.debuglog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.data.ACL;
import org.juju.state.LogRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards one agent's log records to {@code /logs} while forwarding is on ({@link #setEnabled},
 * the {@code debug-log} switch). {@link #offer} never blocks: it puts the record in a bounded queue
 * and drops it when the queue is full. A background thread, the writer, takes up to
 * {@link #MAX_BATCH_RECORDS} records or {@link #MAX_BATCH_BYTES} of them at a time and appends them
 * in one ZooKeeper {@code multi()}, only while connected (while not, records wait in the queue); a
 * batch that fails is tried once more, then dropped. Dropped records are counted, and the count is
 * reported as a WARNING record {@code N records dropped} at the head of the next batch written.
 *
 * <p>The writer's own logging goes through this class's logger and the ZooKeeper client's, which
 * {@link ForwardingAppender} does not forward, so forwarding cannot feed itself. Thread-safe.
 */
public final class LogForwarder implements AutoCloseable {
    /** How many records wait at most for the writer. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** Records per {@code multi()}, at most. */
    public static final int MAX_BATCH_RECORDS = 100;
    /** Bytes of records per {@code multi()}, at most (one record larger than this goes alone). */
    public static final int MAX_BATCH_BYTES = 256 * 1024;
    /** A longer message is cut there. */
    public static final int MAX_MESSAGE_CHARS = 16 * 1024;
    /** The name of the writer's thread. */
    public static final String WRITER_THREAD = "debug-log-writer";
    private static final Logger LOG = LoggerFactory.getLogger(LogForwarder.class);
    private static final long POLL_MILLIS = 200;

    private final String context;
    private final CuratorFramework client;
    private final BooleanSupplier connected;
    private final List<ACL> acl;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private volatile boolean enabled;
    private volatile boolean closed;
    /** A record the writer took that did not fit in the last batch (the writer's thread only). */
    private byte[] carried;

    /** A record as the logging thread leaves it: encoding is the writer's work. */
    private record Pending(Instant time, String level, String message) {
    }

    /**
     * @param context   the records' context, e.g. {@code unit:mysql/0}
     * @param client    the agent's ZooKeeper client
     * @param connected whether the client is connected now (not SUSPENDED, not LOST)
     * @param acl       the records' ACL ({@link LogRecords#acl})
     * @param capacity  how many records may wait for the writer
     */
    public LogForwarder(String context, CuratorFramework client, BooleanSupplier connected, List<ACL> acl, int capacity) {
        this.context = Objects.requireNonNull(context, "context");
        this.client = Objects.requireNonNull(client, "client");
        this.connected = Objects.requireNonNull(connected, "connected");
        this.acl = List.copyOf(acl);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::writeUntilClosed, WRITER_THREAD);
        writer.setDaemon(true);
        writer.start();
    }

    /** The records' context. */
    public String context() {
        return context;
    }

    /** Turns forwarding on or off; records offered while off are ignored (not counted as dropped). */
    public void setEnabled(boolean on) {
        if (on != enabled) {
            LOG.info("debug-log forwarding {}", on ? "on" : "off");
        }
        enabled = on;
    }

    /** Whether records are forwarded now. */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Queues one record for the writer, without blocking.
     *
     * @param level one of {@link LogRecords#LEVELS}
     * @return true if queued; false if forwarding is off, or the queue is full (the record is then
     *         counted as dropped)
     */
    public boolean offer(Instant time, String level, String message) {
        if (!enabled || closed) {
            return false;
        }
        if (queue.offer(new Pending(time, level, message))) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    /** Records dropped and not yet reported. */
    public long droppedNotReported() {
        return dropped.get();
    }

    /** Records written to ZooKeeper so far (drop reports included). */
    public long written() {
        return written.get();
    }

    /** Stops the writer (within a second); what is still queued is not written. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(Duration.ofSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilClosed() {
        try {
            while (!closed) {
                byte[] first = carried != null ? carried : encode(queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS));
                carried = null;
                if (first == null) {
                    continue;
                }
                while (!connected.getAsBoolean() && !closed) {
                    Thread.sleep(POLL_MILLIS);
                }
                writeBatch(first);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void writeBatch(byte[] first) throws InterruptedException {
        List<byte[]> batch = new ArrayList<>();
        long toReport = dropped.getAndSet(0);
        if (toReport > 0) {
            batch.add(LogRecords.encode(Instant.now(), context, "WARNING", toReport + " records dropped"));
        }
        batch.add(first);
        int bytes = first.length;
        while (batch.size() < MAX_BATCH_RECORDS) {
            byte[] next = encode(queue.poll());
            if (next == null) {
                break;
            }
            if (bytes + next.length > MAX_BATCH_BYTES) {
                carried = next;
                break;
            }
            batch.add(next);
            bytes += next.length;
        }
        List<Op> ops = batch.stream().map(record -> LogRecords.append(record, acl)).toList();
        if (attempt(ops) || attempt(ops)) {
            written.addAndGet(batch.size());
            return;
        }
        dropped.addAndGet(batch.size() - (toReport > 0 ? 1 : 0) + toReport);
    }

    private byte[] encode(Pending pending) {
        if (pending == null) {
            return null;
        }
        String message = pending.message();
        String text = message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message;
        return LogRecords.encode(pending.time(), context, pending.level(), text);
    }

    private boolean attempt(List<Op> ops) throws InterruptedException {
        try {
            client.getZookeeperClient().getZooKeeper().multi(ops);
            return true;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) { // Curator declares Exception
            LOG.warn("cannot append {} log records: {}", ops.size(), e.toString());
            return false;
        }
    }
}
