package org.juju.state.error;

import java.util.Objects;

/**
 * Root of every failure the project reports. Unchecked; its message is one line meant for the
 * user (it names the problem and, where useful, what to do), and its {@link ErrorCode} classifies
 * it. Library exceptions ({@code KeeperException}, YAML, I/O) are translated into this hierarchy in
 * one place per module and never leak through public APIs.
 */
public class JujuException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public JujuException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public JujuException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** What kind of failure this is. */
    public ErrorCode code() {
        return code;
    }
}
