package org.juju.state.error;

/** The input (arguments, YAML, option values) is invalid. */
public class InvalidInputException extends JujuException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(ErrorCode.INVALID_INPUT, message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(ErrorCode.INVALID_INPUT, message, cause);
    }
}
