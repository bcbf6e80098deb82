package org.juju.state;

import java.util.Optional;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.ServiceName;

/** What a user names on the command line: {@code service} or {@code service:relation}. */
public record EndpointRef(ServiceName service, Optional<String> relation) {
    /** Parses {@code service[:relation]}. */
    public static EndpointRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("an endpoint must be SERVICE or SERVICE:RELATION");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new EndpointRef(ServiceName.of(text), Optional.empty());
        }
        String relation = text.substring(colon + 1);
        if (relation.isEmpty() || relation.contains(":")) {
            throw new InvalidInputException("invalid endpoint '" + text + "': expected SERVICE or SERVICE:RELATION");
        }
        return new EndpointRef(ServiceName.of(text.substring(0, colon)), Optional.of(relation));
    }

    @Override
    public String toString() {
        return relation.map(r -> service + ":" + r).orElse(service.value());
    }
}
