package org.juju.agents.uniter;

/**
 * A {@code juju resolved} request seen in the tree, for the unit or for one of its relations.
 *
 * @param retry   true to run the failed hook again ({@code --retry}); false to carry on as if it
 *                had succeeded
 * @param version identifies the request: it must grow with every new request and never be reused
 *                (for example the request node's {@code mzxid}). The agent acts on a request whose
 *                version is greater than the last one it consumed, exactly once.
 */
public record ResolvedRequest(boolean retry, int version) {
    public ResolvedRequest {
        if (version < 0) {
            throw new IllegalArgumentException("invalid resolved request version " + version);
        }
    }
}
