package org.juju.agents.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.juju.state.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ZooKeeper session an agent last held, kept in its directory ({@code zookeeper.session}, mode
 * 0600: the password lets anyone take the session over). An agent that was killed leaves its
 * session, and with it its ephemeral presence node, alive until the session times out; the next
 * run of the agent {@link #close closes} that session at once, so its presence node is its own
 * again within moments instead of after the session timeout.
 *
 * @param id       the session id
 * @param password the session password
 */
record StoredSession(long id, byte[] password) {
    static final String FILE = "zookeeper.session";
    private static final Logger LOG = LoggerFactory.getLogger(StoredSession.class);

    /** The session recorded in {@code dir}, if there is a readable one. */
    static Optional<StoredSession> read(Path dir) {
        try {
            String[] lines = Files.readString(dir.resolve(FILE), StandardCharsets.US_ASCII).trim().split("\n");
            if (lines.length == 2) {
                return Optional.of(new StoredSession(HexFormat.fromHexDigitsToLong(lines[0].trim()),
                        Base64.getDecoder().decode(lines[1].trim())));
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("no usable stored session in {}: {}", dir, e.toString());
        }
        return Optional.empty();
    }

    /** Records this session in {@code dir}; failures are logged, not thrown. */
    void write(Path dir) {
        String text = HexFormat.of().toHexDigits(id) + "\n" + Base64.getEncoder().encodeToString(password) + "\n";
        try {
            AtomicFiles.writeString(dir.resolve(FILE), text,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("cannot record the ZooKeeper session in {}: {}", dir, e.toString());
        }
    }

    /** Forgets the session recorded in {@code dir}. */
    static void delete(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(FILE));
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir.resolve(FILE), e.toString());
        }
    }

    /**
     * Closes this session if ZooKeeper still keeps it: reattaches to it and closes it, which removes
     * its ephemeral nodes. Waits at most {@code timeout}; failures are logged, not thrown.
     */
    void close(String connectString, Duration timeout) {
        CountDownLatch answered = new CountDownLatch(1);
        ZooKeeper zooKeeper = null;
        try {
            zooKeeper = new ZooKeeper(connectString, (int) timeout.toMillis(), event -> {
                if (event.getState() == KeeperState.SyncConnected || event.getState() == KeeperState.Expired) {
                    answered.countDown();
                }
            }, id, password);
            if (answered.await(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    && zooKeeper.getState().isAlive() && zooKeeper.getState().isConnected()) {
                LOG.info("closing the session 0x{} of the previous run", Long.toHexString(id));
            }
        } catch (IOException e) {
            LOG.warn("cannot close the previous session 0x{}: {}", Long.toHexString(id), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(zooKeeper);
        }
    }

    private static void closeQuietly(ZooKeeper zooKeeper) {
        if (zooKeeper == null) {
            return;
        }
        try {
            zooKeeper.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
