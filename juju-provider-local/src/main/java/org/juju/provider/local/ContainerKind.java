package org.juju.provider.local;

import java.util.Locale;
import java.util.Optional;

/** How a local environment runs its machines: as plain processes or as LXC containers. */
public enum ContainerKind {
    /** Machines are process trees on this host (the only mode implemented so far). */
    PROCESS,
    /** Machines are LXC containers (accepted in configuration; not implemented yet). */
    LXC;

    /** The value as written in environments.yaml. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a configuration value ({@code process} or {@code lxc}), or empty. */
    public static Optional<ContainerKind> fromConfig(String value) {
        for (ContainerKind kind : values()) {
            if (kind.configValue().equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
