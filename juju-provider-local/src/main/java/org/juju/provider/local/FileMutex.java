package org.juju.provider.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.juju.state.error.ProviderException;

/**
 * Mutual exclusion through a lock file, between threads of this JVM and between processes (two
 * clients bootstrapping at once, say). Reentrant within a thread.
 */
public final class FileMutex {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    private FileMutex() {
    }

    /**
     * Runs {@code action} holding the lock of {@code file} (created if missing; its directory must
     * exist), waiting as long as another holder keeps it.
     *
     * @throws ProviderException if the lock file cannot be opened or the wait is interrupted
     */
    public static <T> T withLock(Path file, Supplier<T> action) {
        Path key = file.toAbsolutePath().normalize();
        ReentrantLock local = LOCAL.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            local.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while waiting for " + key);
        }
        try {
            if (local.getHoldCount() > 1) {
                return action.get();
            }
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    return action.get();
                } finally {
                    lock.release();
                }
            } catch (IOException e) {
                throw new ProviderException("cannot lock " + key + ": " + e.getMessage(), e);
            }
        } finally {
            local.unlock();
        }
    }
}
