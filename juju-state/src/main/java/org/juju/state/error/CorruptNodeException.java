package org.juju.state.error;

/**
 * A znode holds data the project did not write: not YAML, not a mapping, or a mapping of the
 * wrong shape, typically left by a foreign (admin) client. The message names the node and the
 * problem. Readers that serve many entities ({@code juju status}, the agents) report the one
 * entity as broken and carry on with the others; rewriting the node (or removing the entity)
 * heals it, since every reader reads it again on change.
 */
public class CorruptNodeException extends JujuException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public CorruptNodeException(String path, String message, Throwable cause) {
        super(ErrorCode.CORRUPT_STATE, message, cause);
        this.path = path;
    }

    /** The node whose data could not be read. */
    public String path() {
        return path;
    }
}
