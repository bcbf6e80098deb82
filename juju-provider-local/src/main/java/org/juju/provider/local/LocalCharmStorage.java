package org.juju.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.juju.state.io.AtomicFiles;
import org.juju.provider.CharmStorage;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.error.ProviderException;

/**
 * Charm storage of a local environment: one file per key in a directory (normally
 * {@code <data-dir>/storage}). Writes are atomic (copy to a temporary file in the same directory,
 * then rename), so readers never see a partial bundle. Clients write and read the directory
 * directly (they run on this host); machines fetch by the URL {@link #put} returns.
 *
 * <p>That URL is {@code http://HOST:PORT/KEY} when the environment's charm storage daemon
 * ({@link StorageDaemon}) is known to serve the directory, so that machines which cannot read this
 * host's files (containers) can fetch it too; otherwise, as for storage used on its own, it is the
 * object's {@code file://} URL.
 *
 * <p>Keys must be plain file names: not empty, no {@code /} or {@code \}, not {@code .} or
 * {@code ..}, no leading dot (reserved for temporary files) and no control characters.
 */
public final class LocalCharmStorage implements CharmStorage {
    private final Path directory;
    private final Supplier<Optional<StorageAddress>> server;

    /** Storage in {@code directory}, created on the first {@link #put}, served by no daemon. */
    public LocalCharmStorage(Path directory) {
        this(directory, Optional::empty);
    }

    /**
     * Storage in {@code directory} served by the daemon whose address {@code server} tells at the
     * time of each {@link #put} (empty: no daemon).
     */
    LocalCharmStorage(Path directory, Supplier<Optional<StorageAddress>> server) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        this.server = Objects.requireNonNull(server, "server");
    }

    /** The directory holding the objects. */
    public Path directory() {
        return directory;
    }

    /**
     * Stores a copy of {@code bundle} under {@code key}, replacing any object of that key.
     *
     * @return the URL of the stored object: {@code http://} from the storage daemon if there is
     *         one, else {@code file://}
     * @throws InvalidInputException if the key is not a plain file name
     * @throws ProviderException     if {@code bundle} cannot be read or the storage cannot be written
     */
    @Override
    public String put(String key, Path bundle) {
        Path target = objectPath(key);
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, ".put-", ".tmp");
            Files.copy(bundle, temp, StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.replace(temp, target);
            return server.get().map(address -> address.objectUrl(key).toASCIIString())
                    .orElseGet(() -> target.toUri().toString());
        } catch (NoSuchFileException e) {
            throw new ProviderException("cannot store '" + key + "' in charm storage: no such file "
                    + e.getFile(), e);
        } catch (IOException e) {
            throw new ProviderException("cannot store '" + key + "' in charm storage " + directory + ": "
                    + e, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Copies the object of {@code key} to {@code target} (replacing it; parent directories are
     * created). The target is written atomically as well.
     *
     * @throws InvalidInputException if the key is not a plain file name
     * @throws NotFoundException     if there is no object of that key
     * @throws ProviderException     if the object cannot be read or the target cannot be written
     */
    @Override
    public void get(String key, Path target) {
        Path source = objectPath(key);
        if (!Files.isRegularFile(source)) {
            throw new NotFoundException("charm storage has no object '" + key + "'");
        }
        Path absolute = target.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(absolute.getParent());
            temp = Files.createTempFile(absolute.getParent(), ".get-", ".tmp");
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.replace(temp, absolute);
        } catch (NoSuchFileException e) {
            if (e.getFile() != null && Path.of(e.getFile()).equals(source)) {
                throw new NotFoundException("charm storage has no object '" + key + "'", e);
            }
            throw new ProviderException("cannot fetch '" + key + "' from charm storage: no such file "
                    + e.getFile(), e);
        } catch (IOException e) {
            throw new ProviderException("cannot fetch '" + key + "' from charm storage to " + target + ": "
                    + e, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private Path objectPath(String key) {
        if (!StorageKeys.isValid(key)) {
            throw new InvalidInputException("charm storage key must be a plain file name, not '"
                    + StorageKeys.shown(key) + "'");
        }
        return directory.resolve(key);
    }


    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file is harmless; the next put or get does not reuse its name
        }
    }
}
