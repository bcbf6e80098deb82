package org.juju.state.charm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A charm bundle written to disk.
 *
 * @param path   the zip file
 * @param sha256 the SHA-256 of the file, lower-case hex
 * @param size   the file size in bytes
 */
public record BundleFile(Path path, String sha256, long size) {
    public BundleFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }
}
