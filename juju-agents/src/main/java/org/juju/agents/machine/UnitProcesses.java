package org.juju.agents.machine;

import java.nio.file.Path;
import java.util.Set;
import org.juju.agents.runtime.AgentContext;
import org.juju.state.model.UnitName;

/** Starts and stops the unit agents of one machine. */
public interface UnitProcesses extends AutoCloseable {
    /** Starts (and keeps running) the unit agent of {@code unit}, whose files are in {@code unitDir}. Idempotent. */
    void start(UnitName unit, Path unitDir);

    /** Stops the unit agent of {@code unit}. Idempotent. */
    void stop(UnitName unit);

    /** The units whose agents this machine runs. */
    Set<UnitName> running();

    /** Stops every unit agent (the machine agent is stopping). Default: nothing. */
    @Override
    default void close() {
    }

    /** How a machine agent gets its unit processes, once, when its loop starts. */
    @FunctionalInterface
    interface Factory {
        /** The unit processes of the machine agent of {@code context}; closed when the agent stops. */
        UnitProcesses open(AgentContext context);
    }
}
