package org.juju.state.charm.proof;

import java.io.IOException;

/** One group of checks; records its findings in the context and returns normally whatever it finds. */
interface ProofCheck {
    /** What is checked, for the message when the check itself cannot finish: {@code "hook"}. */
    String subject();

    void run(ProofContext context) throws IOException;
}
