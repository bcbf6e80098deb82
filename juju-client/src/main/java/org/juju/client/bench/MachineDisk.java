package org.juju.client.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.juju.state.error.ErrorCode;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.JujuException;

/**
 * Where the benchmark's simulated machines keep their files (their agents' and units' directories,
 * the unit agents' state files, each saved with two {@code fsync}s per change). ZooKeeper's data
 * is on disk either way.
 *
 * <ul>
 *   <li>{@link #MEMORY} (the default): in a new directory of {@value #MEMORY_ROOT} (tmpfs), as if
 *       each machine had a disk of its own. Real machines do, while a thousand simulated ones on
 *       one disk would queue every fsync behind one journal, ZooKeeper's transaction log's too,
 *       and the benchmark would measure that disk instead of the agents and ZooKeeper.</li>
 *   <li>{@link #DISK}: under the environment's directory, on the same disk as ZooKeeper.</li>
 * </ul>
 */
enum MachineDisk {
    MEMORY("memory"),
    DISK("disk");

    /** The memory file system used for {@link #MEMORY}. */
    static final String MEMORY_ROOT = "/dev/shm";

    private final String text;

    MachineDisk(String text) {
        this.text = text;
    }

    /** The option's value: {@code memory} or {@code disk}. */
    String text() {
        return text;
    }

    /**
     * The value named by {@code text}.
     *
     * @throws InvalidInputException naming the value if it is neither {@code memory} nor {@code disk}
     */
    static MachineDisk parse(String text) {
        for (MachineDisk disk : values()) {
            if (disk.text.equals(text)) {
                return disk;
            }
        }
        throw new InvalidInputException("--machine-disk must be memory or disk, got '" + text + "'");
    }

    /**
     * A new, empty directory for the machines (the caller deletes it), or empty to keep them under
     * the environment's directory.
     *
     * @throws JujuException if {@value #MEMORY_ROOT} is missing or cannot hold a new directory
     */
    Optional<Path> directory() {
        if (this == DISK) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.createTempDirectory(Path.of(MEMORY_ROOT), "juju-bench-machines-"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new JujuException(ErrorCode.INTERNAL, "cannot create the machines' directory in " + MEMORY_ROOT
                    + " (use --machine-disk disk): " + e.getMessage(), e);
        }
    }

    /** For the report's "measured on" line. */
    String describe() {
        return this == MEMORY ? "simulated machines' files in memory (" + MEMORY_ROOT + "), ZooKeeper's on disk"
                : "simulated machines' files and ZooKeeper's on the same disk";
    }
}
