package org.juju.provider;

import java.util.Objects;
import org.juju.state.model.MachineId;

/**
 * What the provisioning agent asks a provider to start: the machine's id (its identity for its
 * machine agent), the series, and where the machine agent finds ZooKeeper.
 */
public record MachineSpec(MachineId id, String series, String zooKeeper) {
    public MachineSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(zooKeeper, "zooKeeper");
    }
}
