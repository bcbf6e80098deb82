package org.juju.provider.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Logging of the local provider's background daemons ({@link ZooKeeperDaemon},
 * {@link StorageDaemon}), configured in code: plain lines on stdout, which their launcher appends to
 * their log file; INFO, with ZooKeeper's own loggers at WARN. Whatever configuration logback found
 * on the classpath is replaced: the daemons run with the client's classpath, whose configuration
 * sends only warnings to stderr.
 */
final class DaemonLogging {
    private DaemonLogging() {
    }

    /** Configures logging as described above; does nothing if logback is not the SLF4J binding. */
    static void configure() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("stdout");
        stdout.setEncoder(encoder);
        stdout.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stdout);
        for (String quiet : new String[] {"org.apache.zookeeper", "org.apache.jute", "io.netty"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
    }
}
