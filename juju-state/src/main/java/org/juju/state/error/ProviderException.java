package org.juju.state.error;

/** The cloud provider failed or refused a request. */
public class ProviderException extends JujuException {
    private static final long serialVersionUID = 1L;

    public ProviderException(String message) {
        super(ErrorCode.PROVIDER, message);
    }

    public ProviderException(String message, Throwable cause) {
        super(ErrorCode.PROVIDER, message, cause);
    }
}
