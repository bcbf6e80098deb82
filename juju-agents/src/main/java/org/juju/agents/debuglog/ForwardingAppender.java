package org.juju.agents.debuglog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The logback appender that hands an agent's log events to its {@link LogForwarder}: level mapped
 * to the record levels (TRACE and DEBUG to DEBUG, WARN to WARNING), message
 * {@code LOGGER: text} with the logger's simple name, and an exception's class and message appended.
 * Not forwarded, so that forwarding cannot feed itself: events of the ZooKeeper client, Curator,
 * Netty and this package's loggers, and any event logged on the writer's thread. Never blocks
 * (see {@link LogForwarder#offer}).
 */
public final class ForwardingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** Logger name prefixes whose events are never forwarded. */
    public static final List<String> NOT_FORWARDED = List.of("org.apache.zookeeper", "org.apache.curator", "io.netty",
            ForwardingAppender.class.getPackageName());

    private final LogForwarder forwarder;

    public ForwardingAppender(LogForwarder forwarder) {
        this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
        setName("debug-log");
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!forwarder.isEnabled() || !forwarded(event.getLoggerName(), event.getThreadName())) {
            return;
        }
        String logger = event.getLoggerName();
        StringBuilder message = new StringBuilder(logger.substring(logger.lastIndexOf('.') + 1)).append(": ")
                .append(event.getFormattedMessage());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            message.append(" (").append(thrown.getClassName()).append(": ").append(thrown.getMessage()).append(')');
        }
        forwarder.offer(Instant.ofEpochMilli(event.getTimeStamp()), level(event.getLevel()), message.toString());
    }

    /** Whether events of {@code loggerName} logged on {@code threadName} are forwarded. */
    static boolean forwarded(String loggerName, String threadName) {
        return !LogForwarder.WRITER_THREAD.equals(threadName)
                && NOT_FORWARDED.stream().noneMatch(prefix -> loggerName.equals(prefix) || loggerName.startsWith(prefix + "."));
    }

    private static String level(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return "ERROR";
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return "WARNING";
        }
        return level.isGreaterOrEqual(Level.INFO) ? "INFO" : "DEBUG";
    }
}
