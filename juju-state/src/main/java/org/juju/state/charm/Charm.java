package org.juju.state.charm;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.juju.state.error.CharmException;

/**
 * A charm read from a directory or a bundle file.
 *
 * @param metadata the parsed metadata.yaml
 * @param config   the parsed config.yaml ({@link ConfigSchema#EMPTY} when there is none)
 * @param revision the charm revision
 * @param path     the charm directory, or the bundle file when {@code bundle} is true
 * @param bundle   whether the charm was read from a bundle file
 * @param warnings everything worth telling the user that did not stop the charm from being read
 */
public record Charm(CharmMetadata metadata, ConfigSchema config, int revision, Path path, boolean bundle,
                    List<String> warnings) {
    public Charm {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(path, "path");
        if (revision < 0) {
            throw new CharmException(path + ": revision " + revision + " is negative");
        }
        warnings = List.copyOf(warnings);
    }

    /** The charm name, from its metadata. */
    public String name() {
        return metadata.name();
    }

    /**
     * The charm directory.
     *
     * @throws CharmException when the charm was read from a bundle file
     */
    public Path directory() {
        if (bundle) {
            throw new CharmException(path + ": the charm is a bundle file, not a directory");
        }
        return path;
    }

    /** The URL of this charm in a local repository: {@code local:SERIES/NAME-REVISION}. */
    public CharmUrl localUrl(String series) {
        return CharmUrl.local(series, metadata.name(), revision);
    }
}
