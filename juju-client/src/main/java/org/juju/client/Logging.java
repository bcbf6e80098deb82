package org.juju.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Client logging: quiet by default (the user sees one-line messages, not library chatter), debug
 * output of the project and ZooKeeper client with {@code -v}. Configured only once a command runs,
 * so {@code --help} never pays for it.
 */
public final class Logging {
    private Logging() {
    }

    public static void configure(boolean verbose) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(verbose ? Level.INFO : Level.WARN);
        context.getLogger("org.juju").setLevel(verbose ? Level.DEBUG : Level.WARN);
        context.getLoggerList().stream().filter(logger -> logger.getName().startsWith("org.juju."))
                .forEach(logger -> logger.setLevel(null)); // undoes quiet(...) of an earlier command
        Level libraries = verbose ? Level.INFO : Level.OFF;
        context.getLogger("org.apache.zookeeper").setLevel(libraries);
        context.getLogger("org.apache.curator").setLevel(libraries);
    }

    /**
     * Silences the warnings of {@code loggerName} (unless {@code verbose}), errors still shown: for a
     * command that reports the same events itself, as {@code juju charm test} reports failing hooks
     * and {@code juju charm proof} the charm parsers' warnings in their results.
     */
    public static void quiet(String loggerName, boolean verbose) {
        if (!verbose && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(loggerName).setLevel(Level.ERROR);
        }
    }
}
