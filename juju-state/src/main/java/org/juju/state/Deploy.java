package org.juju.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.ServiceName;

/**
 * A deploy request: the new service, its charm (published in the same transaction if needed), the
 * user's config values (validated against the charm's schema by the state layer) and the number
 * of units.
 */
public record Deploy(ServiceName service, CharmRecord charm, Map<String, Object> config, int units, String configSource) {
    public Deploy {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(charm, "charm");
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        if (units < 1) {
            throw new InvalidInputException("the number of units must be at least 1, got " + units);
        }
    }
}
