package org.juju.state.error;

/**
 * ZooKeeper refused a request for want of permission: the identity the client authenticated as
 * may not do that to that node (see docs/security.md).
 */
public final class AccessDeniedException extends JujuException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(ErrorCode.ACCESS_DENIED, message);
    }
}
