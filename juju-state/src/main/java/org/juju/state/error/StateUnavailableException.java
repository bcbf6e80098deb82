package org.juju.state.error;

/** ZooKeeper cannot be reached, or the session was lost. */
public class StateUnavailableException extends JujuException {
    private static final long serialVersionUID = 1L;

    public StateUnavailableException(String message) {
        super(ErrorCode.STATE_UNAVAILABLE, message);
    }

    public StateUnavailableException(String message, Throwable cause) {
        super(ErrorCode.STATE_UNAVAILABLE, message, cause);
    }
}
