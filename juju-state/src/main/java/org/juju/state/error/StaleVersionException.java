package org.juju.state.error;

/** A compare-and-set kept losing against concurrent writers. */
public class StaleVersionException extends JujuException {
    private static final long serialVersionUID = 1L;

    public StaleVersionException(String message) {
        super(ErrorCode.STALE_VERSION, message);
    }

    public StaleVersionException(String message, Throwable cause) {
        super(ErrorCode.STALE_VERSION, message, cause);
    }
}
