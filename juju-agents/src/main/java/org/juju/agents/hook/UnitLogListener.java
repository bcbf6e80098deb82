package org.juju.agents.hook;

/**
 * Told of every line written to the unit log ({@link UnitLog}), such as the agent's debug-log
 * forwarding. Called on the thread that writes the line (an output pump, the tool server, the
 * runner), while the log is locked: it must return at once and never block.
 */
@FunctionalInterface
public interface UnitLogListener {
    /** Tells nobody. */
    UnitLogListener NONE = (hookName, level, text) -> {
    };

    /**
     * One line of the unit log.
     *
     * @param hookName the hook that wrote it, e.g. {@code install}
     * @param level    {@code INFO} (the hook's stdout), {@code ERROR} (its stderr, the runner's
     *                 failures) or the level of a {@code juju-log} line ({@link LogLevel})
     * @param text     the line, without its end
     */
    void line(String hookName, String level, String text);
}
