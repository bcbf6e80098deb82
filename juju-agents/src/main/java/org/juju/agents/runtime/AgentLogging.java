package org.juju.agents.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Logging of an agent process, configured in code: one file, {@code DIR/agent.log}, appended to;
 * INFO by default, DEBUG when the environment variable {@code JUJU_AGENT_DEBUG} is {@code 1};
 * ZooKeeper and Curator at WARN. Whatever configuration logback found on the classpath (the
 * client's, say) is replaced.
 */
public final class AgentLogging {
    /** The log file's name inside the agent directory. */
    public static final String LOG_FILE = "agent.log";
    /** Set to 1 for DEBUG logging. */
    public static final String DEBUG_VARIABLE = "JUJU_AGENT_DEBUG";

    private AgentLogging() {
    }

    /**
     * Sends all logging to {@code dir/agent.log}; {@code identity} starts every line. Does nothing if
     * logback is not the SLF4J binding.
     */
    public static void configure(Path dir, String identity) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level " + identity.replace("%", "%%")
                + " [%thread] %logger{0}: %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("agent-log");
        file.setFile(dir.resolve(LOG_FILE).toString());
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel("1".equals(System.getenv(DEBUG_VARIABLE)) ? Level.DEBUG : Level.INFO);
        root.addAppender(file);
        context.getLogger("org.apache.zookeeper").setLevel(Level.WARN);
        context.getLogger("org.apache.curator").setLevel(Level.WARN);
    }
}
