package org.juju.state.charm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.juju.state.error.CharmException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.io.TextFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A charm in a directory: {@code metadata.yaml} (required), {@code config.yaml} (optional),
 * {@code revision} (required; see {@link #read(Path)}) and {@code hooks/} (optional).
 */
public final class CharmDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(CharmDirectory.class);

    private CharmDirectory() {
    }

    /**
     * Reads the charm in {@code dir}.
     *
     * <p>The revision comes from the {@code revision} file. A charm without it but with an old-style
     * {@code revision:} key in metadata.yaml is read with a warning; a charm with neither is
     * refused. Hooks that are not executable are reported as warnings.
     *
     * @throws CharmException when the directory does not exist, a file is missing or invalid; the
     *                        message names the file, the key and the problem
     */
    public static Charm read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CharmException(dir + ": " + (Files.exists(dir) ? "not a directory" : "charm directory not found"));
        }
        Charm charm = CharmReader.read(dir, false, name -> readText(dir.resolve(name)), name -> dir.resolve(name).toString());
        List<String> hookWarnings = hookWarnings(dir.resolve("hooks"));
        if (hookWarnings.isEmpty()) {
            return charm;
        }
        List<String> warnings = new ArrayList<>(charm.warnings());
        warnings.addAll(hookWarnings);
        return new Charm(charm.metadata(), charm.config(), charm.revision(), dir, false, warnings);
    }

    /**
     * Writes {@code revision} to the revision file of the charm in {@code dir} (as
     * {@code deploy --upgrade} does).
     *
     * @throws CharmException when the revision is negative or the file cannot be written
     */
    public static void setRevision(Path dir, int revision) {
        if (revision < 0) {
            throw new CharmException(dir + ": revision " + revision + " is negative");
        }
        Path target = dir.resolve("revision");
        try {
            Files.writeString(target, revision + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CharmException(target + ": cannot write the revision: " + e.getMessage(), e);
        }
    }

    /**
     * Parses the text of a {@code revision} file as the deploy does: a non-negative integer,
     * blanks around it ignored.
     *
     * @param source the file name, used in the message
     * @throws CharmException naming {@code source} and what was found instead
     */
    public static int parseRevision(String text, String source) {
        return CharmReader.parseRevision(text, source);
    }

    static Optional<String> readText(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(TextFiles.readUtf8(file));
        } catch (InvalidInputException e) {
            throw new CharmException(e.getMessage(), e);
        } catch (IOException e) {
            throw new CharmException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<String> hookWarnings(Path hooks) {
        List<String> warnings = new ArrayList<>();
        if (!Files.exists(hooks)) {
            return warnings;
        }
        if (!Files.isDirectory(hooks)) {
            throw new CharmException(hooks + ": expected a directory of hooks, found a file");
        }
        try {
            CharmFiles.hookEntries(hooks).stream()
                    .filter(Files::isRegularFile)
                    .filter(p -> !Files.isExecutable(p))
                    .sorted()
                    .forEach(p -> warnings.add(p + ": hook is not executable and will not run"));
        } catch (IOException e) {
            throw new CharmException(hooks + ": cannot list hooks: " + e.getMessage(), e);
        }
        warnings.forEach(w -> LOG.warn("{}", w));
        return warnings;
    }
}
