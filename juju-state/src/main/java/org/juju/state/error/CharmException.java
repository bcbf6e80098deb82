package org.juju.state.error;

/** A charm, its metadata, config schema, bundle or repository is invalid or missing. */
public class CharmException extends JujuException {
    private static final long serialVersionUID = 1L;

    public CharmException(String message) {
        super(ErrorCode.CHARM, message);
    }

    public CharmException(String message, Throwable cause) {
        super(ErrorCode.CHARM, message, cause);
    }
}
