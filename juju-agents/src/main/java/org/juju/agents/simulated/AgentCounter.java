package org.juju.agents.simulated;

import java.util.concurrent.atomic.AtomicInteger;

/** How many in-process agents of an environment run now. Thread-safe. */
final class AgentCounter {
    private final AtomicInteger live = new AtomicInteger();

    /** An agent's thread was started. */
    void started() {
        live.incrementAndGet();
    }

    /** An agent's thread ended. */
    void stopped() {
        live.decrementAndGet();
    }

    /** The agents running now. */
    int live() {
        return live.get();
    }
}
