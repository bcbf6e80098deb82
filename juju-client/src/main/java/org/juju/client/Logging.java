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
        Level libraries = verbose ? Level.INFO : Level.OFF;
        context.getLogger("org.apache.zookeeper").setLevel(libraries);
        context.getLogger("org.apache.curator").setLevel(libraries);
    }

    /**
     * Keeps the warnings of {@code logger} (and below it) off stderr unless verbose: for commands
     * that report the same problems in their own output. Errors still show.
     */
    public static void quietUnlessVerbose(String logger, boolean verbose) {
        if (!verbose && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(logger).setLevel(Level.ERROR);
        }
    }
}
