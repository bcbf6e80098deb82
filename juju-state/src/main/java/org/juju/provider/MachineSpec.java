package org.juju.provider;

import java.util.Objects;
import java.util.Optional;
import org.juju.state.model.MachineId;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;

/**
 * What the provisioning agent asks a provider to start: the machine's id, the series, where the
 * machine agent finds ZooKeeper, and the machine agent's identity (empty in an environment
 * without identities). A provider hands the identity to the machine agent as the file
 * {@value Credential#FILE_NAME} in the agent's directory ({@link AgentIdentity#writeTo}, readable
 * by the agent's user only) before the agent starts, and never puts it in a command line or a log.
 */
public record MachineSpec(MachineId id, String series, String zooKeeper, Optional<AgentIdentity> identity) {
    public MachineSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(zooKeeper, "zooKeeper");
        Objects.requireNonNull(identity, "identity");
    }

    /** A machine of an environment without identities. */
    public MachineSpec(MachineId id, String series, String zooKeeper) {
        this(id, series, zooKeeper, Optional.empty());
    }
}
