package org.juju.provider.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import org.juju.state.io.AtomicFiles;
import org.juju.state.model.MachineId;

/**
 * Where a local environment keeps its files inside its data directory. The layout is shared by
 * the daemons (which write the address, pid and last-port files) and by the client side (which
 * reads them), so both agree on every name.
 *
 * <pre>
 * DIR/zookeeper/            ZooKeeper snapshots and transaction logs
 * DIR/zookeeper.address     host:port, present while the daemon serves; with an ensemble the
 *                           connect string of every server, written once a quorum serves
 * DIR/zookeeper-ensemble    with zookeeper-servers &gt; 1: one line per server, "ID HOST CLIENT-PORT
 *                           QUORUM-PORT ELECTION-PORT", chosen at the first bootstrap
 * DIR/agents/zookeeper-K/   ensemble server K and its supervisor: zoo.cfg, zookeeper.log
 * DIR/agents/zookeeper-K/data/  its myid, snapshots and transaction logs
 * DIR/zookeeper.pid         the daemon's pid, present while the daemon serves
 * DIR/zookeeper.last-port   the port the daemon last bound, reused on restart when free
 * DIR/zookeeper.lock        held (file lock) by the running daemon
 * DIR/logs/zookeeper.log    the daemon's stdout and stderr
 * DIR/storage/              charm storage
 * DIR/storage.address       host:port of the charm storage daemon, written once it serves
 * DIR/storage.last-port     the port the charm storage daemon last bound, reused when free
 * DIR/machines/N/           machine N: its supervisor, machine agent and everything it runs
 * DIR/machines/N/credential machine N's agent's identity (mode 0600), when the environment has identities
 * DIR/agents/provisioning/  the provisioning agent and its supervisor
 * DIR/agents/provisioning/credential  the provisioning agent's identity (mode 0600), written by bootstrap
 * DIR/agents/storage/       the charm storage daemon and its supervisor
 * DIR/agents/apt-cache/     the apt cache (apt-cacher-ng), its configuration, logs and supervisor
 * DIR/apt-cache.address     host:port of the apt cache, written once it serves
 * DIR/apt-cache.last-port   the port the apt cache last listened on, reused when free
 * DIR/agents.lock           held while a supervised agent is started or stopped
 * DIR/.juju-environment     marker: the provider created DIR, so destroying may delete all of it
 * </pre>
 *
 * @param dataDir absolute, normalized data directory
 */
record DataDirLayout(Path dataDir) {
    DataDirLayout {
        dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
    }

    Path zooKeeperDir() {
        return dataDir.resolve("zookeeper");
    }

    Path addressFile() {
        return dataDir.resolve("zookeeper.address");
    }

    Path pidFile() {
        return dataDir.resolve("zookeeper.pid");
    }

    Path lastPortFile() {
        return dataDir.resolve("zookeeper.last-port");
    }

    Path lockFile() {
        return dataDir.resolve("zookeeper.lock");
    }

    /** The servers of an ensemble (see {@link ZooKeeperEnsemble}). */
    Path ensembleFile() {
        return dataDir.resolve("zookeeper-ensemble");
    }

    /** The directory of ensemble server {@code id}, which its supervisor runs in. */
    Path ensembleServerDir(int id) {
        return dataDir.resolve("agents").resolve("zookeeper-" + id);
    }

    Path logsDir() {
        return dataDir.resolve("logs");
    }

    Path logFile() {
        return logsDir().resolve("zookeeper.log");
    }

    Path storageDir() {
        return dataDir.resolve("storage");
    }

    Path storageAddressFile() {
        return dataDir.resolve("storage.address");
    }

    Path storageLastPortFile() {
        return dataDir.resolve("storage.last-port");
    }

    Path storageDaemonDir() {
        return dataDir.resolve("agents").resolve("storage");
    }

    Path aptCacheDir() {
        return dataDir.resolve("agents").resolve("apt-cache");
    }

    /** The apt cache's configuration directory ({@code apt-cacher-ng -c}), written by {@link AptCache}. */
    Path aptCacheConfigDir() {
        return aptCacheDir().resolve("conf");
    }

    /** The apt cache's {@code LogDir}: {@code apt-cacher.log} (one line per transfer), {@code apt-cacher.err}. */
    Path aptCacheLogDir() {
        return aptCacheDir().resolve("logs");
    }

    Path aptCacheAddressFile() {
        return dataDir.resolve("apt-cache.address");
    }

    Path aptCacheLastPortFile() {
        return dataDir.resolve("apt-cache.last-port");
    }

    Path machinesDir() {
        return dataDir.resolve("machines");
    }

    Path machineDir(MachineId id) {
        return machinesDir().resolve(id.toString());
    }

    Path provisioningAgentDir() {
        return dataDir.resolve("agents").resolve("provisioning");
    }

    Path agentsLockFile() {
        return dataDir.resolve("agents.lock");
    }

    Path markerFile() {
        return dataDir.resolve(".juju-environment");
    }

    /** True for temporary files left by {@link #writeAtomically} (they start with ".tmp-"). */
    static boolean isTempName(String name) {
        return name.startsWith(".tmp-");
    }

    /**
     * The trimmed content of a small text file, or empty if it does not exist or cannot be read.
     * Never throws: a file that vanishes while being read counts as absent.
     */
    static Optional<String> readSmall(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The pid recorded in the pid file, or empty if absent or not a number. */
    Optional<Long> recordedPid() {
        return readSmall(pidFile()).flatMap(text -> {
            try {
                return Optional.of(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * True if no process holds the daemon's lock file (or there is none), so the pid and address
     * files, if any, are stale. A lock held in this JVM, or a lock file that cannot be opened,
     * counts as held.
     */
    boolean daemonLockFree() {
        if (!Files.exists(lockFile())) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile(), StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }

    /**
     * Replaces {@code file} with {@code text} so that readers see either the old or the new content:
     * writes a temporary file in the same directory and renames it over the target.
     *
     * @throws IOException if the directory is not writable
     */
    static void writeAtomically(Path file, String text) throws IOException {
        AtomicFiles.writeString(file, text);
    }
}
