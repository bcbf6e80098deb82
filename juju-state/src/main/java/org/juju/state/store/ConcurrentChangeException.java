package org.juju.state.store;

/**
 * A transaction's guard failed: another writer changed, created or removed a node it depends on
 * since it was read. Thrown by {@link StateStore#commit} and caught by {@link StateStore#retrying},
 * which re-runs the whole read-validate-write attempt. Never escapes the state layer.
 */
final class ConcurrentChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConcurrentChangeException(String message) {
        super(message, null, false, false);
    }
}
