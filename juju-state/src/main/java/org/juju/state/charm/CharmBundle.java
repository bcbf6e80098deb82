package org.juju.state.charm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.juju.state.error.CharmException;

/**
 * Charm bundles: a charm directory as one zip file, the form uploaded to the environment's storage
 * and downloaded by agents.
 *
 * <p>Writing is deterministic: entries are sorted by name, every entry has the timestamp
 * 2000-01-01 00:00:00, and modes are normalised (directories 0755, files 0755 when the owner may
 * execute them else 0644, symlinks 0120777), so the same content gives the same bytes and the same
 * SHA-256 whatever the file times or the umask (given the same deflate implementation, i.e. the same
 * JDK). Left out: {@code build/} at the top level and every name starting with a dot, at any depth.
 * Symlinks are stored as symlinks (the target as the content, like Info-ZIP); a symlink pointing
 * outside the charm is refused.
 */
public final class CharmBundle {
    /** The largest metadata.yaml, config.yaml or revision read from a bundle. */
    private static final int MAX_TEXT = 8 * 1024 * 1024;

    private CharmBundle() {
    }

    /**
     * Writes the charm in {@code charmDir} to {@code zipFile} (replacing it; the bundle file itself is
     * left out when it lies inside the charm).
     *
     * @throws CharmException when the directory does not exist, holds a symlink leading outside it
     *                        or a special file, or the file cannot be written
     */
    public static BundleFile write(Path charmDir, Path zipFile) {
        return BundleWriter.write(charmDir, zipFile);
    }

    /**
     * The SHA-256 of a file, lower-case hex.
     *
     * @throws CharmException when the file cannot be read
     */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new CharmException(file + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Extracts a bundle into {@code targetDir}, which must not exist or be empty. File modes
     * (limited to 0755: no setuid, no group or world write) and symlinks are restored.
     *
     * @throws CharmException naming the entry, before anything is written, when an entry has an
     *                        absolute name, a {@code ..} segment or occurs twice; naming the entry
     *                        when a symlink (or a path through one) leads outside {@code targetDir};
     *                        in that case everything extracted is removed again
     */
    public static void extract(Path zipFile, Path targetDir) {
        BundleExtractor.extract(zipFile, targetDir);
    }

    /**
     * Reads the charm in a bundle (metadata.yaml, config.yaml, revision) without extracting it.
     *
     * @throws CharmException when the file is not a zip or the charm in it is invalid; messages
     *                        name the bundle and the file inside it
     */
    public static Charm read(Path zipFile) {
        try (ZipFile zip = new ZipFile(zipFile.toFile(), StandardCharsets.UTF_8)) {
            return CharmReader.read(zipFile, true, name -> entryText(zip, zipFile, name),
                    name -> zipFile + ": " + name);
        } catch (IOException e) {
            throw new CharmException(zipFile + ": cannot read the charm bundle: " + e.getMessage(), e);
        }
    }

    private static Optional<String> entryText(ZipFile zip, Path zipFile, String name) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null || entry.isDirectory()) {
            return Optional.empty();
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(MAX_TEXT + 1);
            if (bytes.length > MAX_TEXT) {
                throw new CharmException(zipFile + ": " + name + ": larger than " + MAX_TEXT + " bytes");
            }
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new CharmException(zipFile + ": " + name + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new CharmException(zipFile + ": " + name + ": cannot read: " + e.getMessage(), e);
        }
    }
}
