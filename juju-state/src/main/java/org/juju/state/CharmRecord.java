package org.juju.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.juju.state.charm.CharmMetadata;
import org.juju.state.charm.CharmUrl;
import org.juju.state.charm.ConfigSchema;

/**
 * A published charm as recorded in the tree: its URL, the sha256 and size of its bundle, where
 * machines fetch the bundle, and its metadata and config schema (so agents and the client never
 * need the bundle to validate relations or config).
 */
public record CharmRecord(CharmUrl url, String sha256, long size, String bundleUrl,
                          CharmMetadata metadata, ConfigSchema config) {
    public CharmRecord {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(bundleUrl, "bundleUrl");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(config, "config");
    }

    /** The znode data form. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("url", url.toString());
        map.put("sha256", sha256);
        map.put("size", size);
        map.put("bundle-url", bundleUrl);
        map.put("metadata", metadata.toMap());
        map.put("config", config.toMap());
        return map;
    }

    /** Reads the znode data form. */
    @SuppressWarnings("unchecked")
    public static CharmRecord fromMap(Map<String, Object> map) {
        return new CharmRecord(CharmUrl.parse(String.valueOf(map.get("url")), null),
                String.valueOf(map.get("sha256")),
                ((Number) map.getOrDefault("size", 0)).longValue(),
                String.valueOf(map.get("bundle-url")),
                CharmMetadata.fromMap((Map<String, Object>) map.get("metadata")),
                ConfigSchema.fromMap((Map<String, Object>) map.getOrDefault("config", Map.of())));
    }
}
