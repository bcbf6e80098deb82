package org.juju.agents.debuglog;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.time.Instant;
import java.util.Optional;
import org.juju.agents.hook.UnitLogListener;
import org.juju.agents.runtime.AgentConnection;
import org.juju.state.LogRecords;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import org.juju.state.watch.StateWatcher;
import org.slf4j.LoggerFactory;

/**
 * An agent's debug-log forwarding, for the life of its connection: a {@link LogForwarder} whose
 * records have the agent's context ({@link #contextOf}), switched on and off by watching
 * {@code /settings} {@code debug-log}, fed by a {@link ForwardingAppender} on the root logger and,
 * in a unit agent, by the unit log ({@link #unitLogListener}). Close it before the connection.
 */
public final class AgentLogForwarding implements AutoCloseable {
    /** The key of {@code /settings} that turns forwarding on. */
    public static final String SWITCH = "debug-log";
    private static final String MACHINE_PREFIX = "machine-";
    private static final String UNIT_PREFIX = "unit-";

    private final LogForwarder forwarder;
    private final StateWatcher settings;
    private final Optional<ForwardingAppender> appender;

    private AgentLogForwarding(LogForwarder forwarder, StateWatcher settings, Optional<ForwardingAppender> appender) {
        this.forwarder = forwarder;
        this.settings = settings;
        this.appender = appender;
    }

    /**
     * Starts forwarding for the agent {@code identity} ({@code provisioning}, {@code machine-N},
     * {@code unit-S-U}); records are queued only while {@code /settings} says {@code debug-log: true},
     * read once now (call it connected) and then watched.
     *
     * @param capacity how many records may wait to be written ({@link LogForwarder#DEFAULT_CAPACITY})
     */
    public static AgentLogForwarding start(String identity, AgentConnection connection, int capacity) {
        LogForwarder forwarder = new LogForwarder(contextOf(identity), connection.client(), connection::isConnected,
                LogRecords.acl(connection.identity()), capacity);
        forwarder.setEnabled(readSwitch(connection));
        StateWatcher settings = StateWatcher.startNode(connection.client(), StatePaths.settings(),
                snapshot -> forwarder.setEnabled(snapshot.node(StatePaths.settings()).map(AgentLogForwarding::switchedOn)
                        .orElse(false)));
        Optional<ForwardingAppender> appender = Optional.empty();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            ForwardingAppender forwarding = new ForwardingAppender(forwarder);
            forwarding.setContext(context);
            forwarding.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(forwarding);
            appender = Optional.of(forwarding);
        }
        return new AgentLogForwarding(forwarder, settings, appender);
    }

    /**
     * The records' context of agent {@code identity}: {@code unit:mysql/0}, {@code machine:1}, or
     * {@code provisioning:PID} (there may be several provisioning agents).
     */
    public static String contextOf(String identity) {
        if (identity.startsWith(UNIT_PREFIX)) {
            return "unit:" + UnitName.fromKey(identity.substring(UNIT_PREFIX.length()));
        }
        if (identity.startsWith(MACHINE_PREFIX)) {
            return "machine:" + MachineId.parse(identity.substring(MACHINE_PREFIX.length()));
        }
        return identity + ":" + ProcessHandle.current().pid();
    }

    /** The forwarder. */
    public LogForwarder forwarder() {
        return forwarder;
    }

    /**
     * Forwards the unit log's lines: message {@code HOOK: text}, e.g. {@code install: E: package
     * not found}; a {@code juju-log} CRITICAL line at ERROR.
     */
    public UnitLogListener unitLogListener() {
        return (hookName, level, text) -> forwarder.offer(Instant.now(), recordLevel(level), hookName + ": " + text);
    }

    @Override
    public void close() {
        appender.ifPresent(forwarding -> {
            ((LoggerContext) forwarding.getContext()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(forwarding);
            forwarding.stop();
        });
        settings.close();
        forwarder.close();
    }

    /** The switch as it is now, so that nothing the agent does first is missed; off if unreadable. */
    private static boolean readSwitch(AgentConnection connection) {
        try {
            byte[] data = connection.client().getData().forPath(StatePaths.settings());
            return switchedOn(new Node(StatePaths.settings(), StateStore.decode(StatePaths.settings(), data), 0));
        } catch (Exception e) { // Curator declares Exception; the watch delivers the switch later
            return false;
        }
    }

    private static boolean switchedOn(Node node) {
        return Boolean.TRUE.equals(node.data().get(SWITCH));
    }

    private static String recordLevel(String level) {
        return LogRecords.LEVELS.contains(level) ? level : level.equals("WARN") ? "WARNING" : "ERROR";
    }
}
