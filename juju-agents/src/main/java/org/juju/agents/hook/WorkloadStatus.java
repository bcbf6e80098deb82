package org.juju.agents.hook;

import java.util.Objects;

/** A workload status set by a hook: a state and a message for humans (possibly empty, never null). */
public record WorkloadStatus(WorkloadState state, String message) {
    public WorkloadStatus {
        Objects.requireNonNull(state, "state");
        message = message == null ? "" : message;
    }
}
