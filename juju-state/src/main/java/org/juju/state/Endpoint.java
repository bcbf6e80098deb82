package org.juju.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.juju.state.charm.RelationSpec;
import org.juju.state.charm.Role;
import org.juju.state.model.ServiceName;

/**
 * One side of a relation: a service and one of its charm's relations ({@code mysql:db}).
 */
public record Endpoint(ServiceName service, RelationSpec spec) {
    public Endpoint {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(spec, "spec");
    }

    /** {@code service:relation}. */
    @Override
    public String toString() {
        return service + ":" + spec.name();
    }

    /** True when this endpoint and {@code other} can be related to each other. */
    public boolean canRelateTo(Endpoint other) {
        if (!spec.interfaceName().equals(other.spec.interfaceName())) {
            return false;
        }
        return switch (spec.role()) {
            case PROVIDER -> other.spec.role() == Role.REQUIRER;
            case REQUIRER -> other.spec.role() == Role.PROVIDER;
            case PEER -> other.spec.role() == Role.PEER && service.equals(other.service)
                    && spec.name().equals(other.spec.name());
        };
    }

    /** The form stored in the relation node's {@code endpoints} list. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("service", service.value());
        map.put("relation", spec.name());
        map.put("role", spec.role().name().toLowerCase(java.util.Locale.ROOT));
        return map;
    }
}
