package org.juju.agents.debuglog;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.juju.state.LogRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code /logs} bounded: every {@code interval}, while connected, deletes all but the newest
 * {@code keep} records ({@link LogRecords#trim}). The provisioning agent runs it (it alone may
 * delete records); several provisioning agents may run it at once. Its own logging is not
 * forwarded (see {@link ForwardingAppender}).
 */
public final class LogTrimmer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogTrimmer.class);
    /** How often the provisioning agent trims. */
    public static final Duration INTERVAL = Duration.ofSeconds(10);

    private final ScheduledExecutorService timer;

    private LogTrimmer(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts trimming, the first time after {@code interval}. */
    public static LogTrimmer start(CuratorFramework client, BooleanSupplier connected, int keep, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "debug-log-trimmer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> trimOnce(client, connected, keep), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return new LogTrimmer(timer);
    }

    private static void trimOnce(CuratorFramework client, BooleanSupplier connected, int keep) {
        if (!connected.getAsBoolean()) {
            return;
        }
        try {
            int deleted = LogRecords.trim(client, keep);
            if (deleted > 0) {
                LOG.debug("deleted the {} oldest log records", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot trim the log records: {}", e.getMessage());
        }
    }

    /** Stops trimming. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
