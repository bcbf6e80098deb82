package org.juju.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What every agent may know of its environment: name, provider type, default series. No secrets. */
public record EnvironmentInfo(String name, String providerType, String defaultSeries) {
    public EnvironmentInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(providerType, "providerType");
        Objects.requireNonNull(defaultSeries, "defaultSeries");
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("provider", providerType);
        map.put("default-series", defaultSeries);
        return map;
    }

    public static EnvironmentInfo fromMap(Map<String, Object> map) {
        return new EnvironmentInfo(String.valueOf(map.get("name")), String.valueOf(map.get("provider")),
                String.valueOf(map.get("default-series")));
    }
}
