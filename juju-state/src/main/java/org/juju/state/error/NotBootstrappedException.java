package org.juju.state.error;

/** The environment has not been bootstrapped. */
public class NotBootstrappedException extends JujuException {
    private static final long serialVersionUID = 1L;

    public NotBootstrappedException(String message) {
        super(ErrorCode.NOT_BOOTSTRAPPED, message);
    }

    public NotBootstrappedException(String message, Throwable cause) {
        super(ErrorCode.NOT_BOOTSTRAPPED, message, cause);
    }
}
