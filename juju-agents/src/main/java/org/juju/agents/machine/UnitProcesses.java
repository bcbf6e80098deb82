package org.juju.agents.machine;

import java.nio.file.Path;
import java.util.Set;
import org.juju.state.model.UnitName;

/** Starts and stops the unit agent processes of one machine. */
public interface UnitProcesses {
    /** Starts (and keeps running) the unit agent of {@code unit}, whose files are in {@code unitDir}. Idempotent. */
    void start(UnitName unit, Path unitDir);

    /** Stops the unit agent of {@code unit}. Idempotent. */
    void stop(UnitName unit);

    /** The units whose agents this machine runs. */
    Set<UnitName> running();
}
