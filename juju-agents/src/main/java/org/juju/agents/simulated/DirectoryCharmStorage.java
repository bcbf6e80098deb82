package org.juju.agents.simulated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.juju.provider.CharmStorage;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.error.ProviderException;

/**
 * The charm storage of a simulated environment: one file per key in a directory, handed out as
 * {@code file:} URLs, which the machine agents' real charm download reads (every simulated machine
 * runs in this JVM, on this host). Keys are plain file names.
 */
final class DirectoryCharmStorage implements CharmStorage {
    private final Path directory;

    DirectoryCharmStorage(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public String put(String key, Path bundle) {
        Path target = object(key);
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, ".put-", ".tmp");
            Files.copy(bundle, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target.toUri().toString();
        } catch (IOException e) {
            throw new ProviderException("cannot store '" + key + "' in charm storage " + directory + ": " + e, e);
        }
    }

    @Override
    public void get(String key, Path target) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(object(key), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no object '" + key + "' in charm storage " + directory, e);
        } catch (IOException e) {
            throw new ProviderException("cannot read '" + key + "' from charm storage " + directory + ": " + e, e);
        }
    }

    private Path object(String key) {
        if (key == null || key.isEmpty() || key.startsWith(".") || key.contains("/") || key.contains("\\")) {
            throw new InvalidInputException("invalid charm storage key '" + key + "': expected a plain file name");
        }
        return directory.resolve(key);
    }
}
