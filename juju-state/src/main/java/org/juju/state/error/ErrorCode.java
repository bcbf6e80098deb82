package org.juju.state.error;

/**
 * Classifies every failure the project reports. The code also fixes the exit status of the
 * {@code juju} command that failed, so scripts can tell bad input from an unreachable environment.
 */
public enum ErrorCode {
    /** Bad arguments, bad YAML, a value of the wrong type: the user must change the input. */
    INVALID_INPUT(2),
    /** A named entity (service, unit, machine, relation, charm, environment) does not exist. */
    NOT_FOUND(3),
    /** The entity to create exists already. */
    ALREADY_EXISTS(4),
    /** The request contradicts the state (e.g. terminating a machine that still has units). */
    CONFLICT(5),
    /** A compare-and-set lost against a concurrent writer and retries were exhausted. */
    STALE_VERSION(6),
    /** ZooKeeper cannot be reached or the session was lost. */
    STATE_UNAVAILABLE(7),
    /** The environment has no state server yet. */
    NOT_BOOTSTRAPPED(8),
    /** A charm (metadata, config, bundle, repository) is invalid or missing. */
    CHARM(9),
    /** The cloud provider failed or refused. */
    PROVIDER(10),
    /** ZooKeeper refused the request: the client's identity lacks the permission. */
    ACCESS_DENIED(12),
    /** A znode holds data the project did not write (not YAML, or the wrong shape). */
    CORRUPT_STATE(13),
    /** A hook exited non-zero. */
    HOOK_FAILED(11),
    /** A bug or an unexpected condition. */
    INTERNAL(70);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit status the client uses for this kind of failure (never 0 or 1). */
    public int exitCode() {
        return exitCode;
    }
}
