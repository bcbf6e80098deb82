package org.juju.agents.charmkit.scenario;

import java.util.Objects;
import java.util.Optional;

/**
 * The status a unit must have after a hook.
 *
 * @param state           {@code maintenance}, {@code blocked}, {@code waiting} or {@code active}
 * @param message         the whole message; empty to not check it
 * @param messageContains a text the message must contain; empty to not check it
 */
public record StatusExpectation(String state, Optional<String> message, Optional<String> messageContains) {
    public StatusExpectation {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(messageContains, "messageContains");
    }
}
