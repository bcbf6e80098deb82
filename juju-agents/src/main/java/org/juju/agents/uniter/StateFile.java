package org.juju.agents.uniter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.juju.state.codec.YamlCodec;

/**
 * Keeps a {@link LocalState} in a YAML file, crash-safe: a save writes a temporary file beside the
 * target ({@code NAME.tmp}), forces it to disk, renames it over the target atomically and forces
 * the directory, so after a crash at any point the file holds either the previous state or the new
 * one, never a mix. A leftover temporary file is ignored by {@link #load} and overwritten by the
 * next {@link #save}. One writer per file: the unit's agent.
 */
public final class StateFile {
    private StateFile() {
    }

    /**
     * Reads the state saved at {@code file}.
     *
     * @return the saved state, or {@link LocalState#fresh()} if the file does not exist
     * @throws StateFileException naming the file if it cannot be read or is not a valid state
     */
    public static LocalState load(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return LocalState.fresh();
        } catch (IOException e) {
            throw new StateFileException(file, "cannot read: " + e.getMessage(), e);
        }
        try {
            Map<String, Object> yaml = YamlCodec.parseMap(new String(data, StandardCharsets.UTF_8), file.toString());
            return LocalStateYaml.decode(yaml);
        } catch (RuntimeException e) {
            // Any decoding failure (YAML, a missing key, an invalid name or an impossible state) is corruption.
            throw new StateFileException(file, "corrupt, refusing to start from a guess: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the state saved at {@code file} with {@code state}, atomically and durably.
     *
     * @throws StateFileException naming the file if it cannot be written; the previous state is then intact
     */
    public static void save(Path file, LocalState state) {
        write(file, LocalStateYaml.encode(state));
    }

    /**
     * Replaces {@code file} with {@code yaml}, atomically and durably, as {@link #save} does.
     *
     * @throws StateFileException naming the file if it cannot be written; the previous content is then intact
     */
    static void write(Path file, Map<String, Object> yaml) {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Path temp = directory.resolve(target.getFileName() + ".tmp");
        byte[] data = YamlCodec.dumpBytes(yaml);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new StateFileException(file, "the file system cannot rename atomically", e);
        } catch (IOException e) {
            throw new StateFileException(file, "cannot write: " + e.getMessage(), e);
        }
        forceDirectory(directory);
    }

    /** Makes the rename durable; some platforms cannot open a directory, and then there is nothing to do. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not supported here (e.g. Windows); the rename itself is still atomic.
        }
    }
}
