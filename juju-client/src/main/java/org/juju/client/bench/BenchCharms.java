package org.juju.client.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.juju.state.error.ErrorCode;
import org.juju.state.error.JujuException;

/**
 * The charms the benchmark deploys, written into a fresh local repository: {@code bench-idle}
 * (no relations), {@code bench-server} (provides {@code link}) and {@code bench-client} (requires
 * {@code link}). None has a hook file: a missing hook succeeds at once, so the benchmark measures
 * the agents and ZooKeeper, not process starts.
 */
final class BenchCharms {
    static final String SERIES = "bookworm";

    private BenchCharms() {
    }

    /** Writes the repository under {@code repository} and returns it. */
    static Path write(Path repository) {
        try {
            charm(repository, "bench-idle", "");
            charm(repository, "bench-server", "provides:\n  link:\n    interface: bench-link\n");
            charm(repository, "bench-client", "requires:\n  link:\n    interface: bench-link\n");
            return repository;
        } catch (IOException e) {
            throw new JujuException(ErrorCode.INTERNAL, "cannot write the benchmark charms: " + e.getMessage(), e);
        }
    }

    private static void charm(Path repository, String name, String relations) throws IOException {
        Path dir = repository.resolve(SERIES).resolve(name);
        Files.createDirectories(dir.resolve("hooks"));
        Files.writeString(dir.resolve("metadata.yaml"), "name: " + name + "\nsummary: benchmark charm\n"
                + "description: A charm without hooks, for juju-bench.\n" + relations);
        Files.writeString(dir.resolve("revision"), "1\n");
    }
}
