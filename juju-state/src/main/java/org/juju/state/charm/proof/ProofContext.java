package org.juju.state.charm.proof;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.state.charm.CharmMetadata;
import org.juju.state.error.InvalidInputException;
import org.juju.state.io.TextFiles;

/**
 * The charm under proof and what the checks found so far. Checks run in order; later ones use
 * what earlier ones parsed ({@link #rawMetadata()}, {@link #metadata()}) when it is there.
 */
final class ProofContext {
    private final Path root;
    private final List<Finding> findings = new ArrayList<>();
    private Map<String, Object> rawMetadata;
    private CharmMetadata metadata;

    /** @param root the charm directory as a real path */
    ProofContext(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path file(String relative) {
        return root.resolve(relative);
    }

    /** {@code path} relative to the charm, with '/' separators. */
    String relative(Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    void error(String code, String file, String message) {
        findings.add(new Finding(Severity.ERROR, code, file, message));
    }

    void warning(String code, String file, String message) {
        findings.add(new Finding(Severity.WARNING, code, file, message));
    }

    List<Finding> findings() {
        return findings;
    }

    /**
     * The text of a charm file, or empty when it does not exist. When it cannot be read (not
     * UTF-8, too large, unreadable) an error {@code CODE_PREFIX-unreadable} is recorded and the
     * result is empty too.
     */
    Optional<String> readText(String relative, String codePrefix) {
        Path path = file(relative);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(TextFiles.readUtf8(path));
        } catch (InvalidInputException | IOException e) {
            error(codePrefix + "-unreadable", relative, withoutSource(e.getMessage(), path.toString()));
            return Optional.empty();
        }
    }

    /** {@code message} without a leading {@code "SOURCE: "}, since the finding names the file. */
    static String withoutSource(String message, String source) {
        String prefix = source + ": ";
        String text = message == null ? "" : message;
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    /** The metadata.yaml mapping, when it parsed as YAML. */
    Optional<Map<String, Object>> rawMetadata() {
        return Optional.ofNullable(rawMetadata);
    }

    void rawMetadata(Map<String, Object> raw) {
        this.rawMetadata = raw;
    }

    /** The charm metadata, when metadata.yaml is valid (apart from problems already reported). */
    Optional<CharmMetadata> metadata() {
        return Optional.ofNullable(metadata);
    }

    void metadata(CharmMetadata parsed) {
        this.metadata = parsed;
    }
}
