package org.juju.state.charm.proof;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.juju.state.charm.CharmMetadata;
import org.juju.state.charm.Parsed;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.CharmException;
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

    /**
     * The YAML mapping in a charm file, or empty when it does not exist. When it cannot be read or
     * is not YAML, an error {@code CODE_PREFIX-unreadable} or {@code CODE_PREFIX-unparseable} is
     * recorded and the result is empty too.
     */
    Optional<Map<String, Object>> readYaml(String relative, String codePrefix) {
        return readText(relative, codePrefix).flatMap(text -> {
            try {
                return Optional.of(YamlCodec.parseMap(text, relative));
            } catch (InvalidInputException e) {
                error(codePrefix + "-unparseable", relative, withoutSource(e.getMessage(), relative));
                return Optional.empty();
            }
        });
    }

    /**
     * Runs one of the deploy's parsers on a charm file: its warnings are recorded as
     * {@code CODE_PREFIX-warning}, its refusal as the error {@code CODE_PREFIX-invalid}.
     *
     * @return the parsed value, empty when the parser refused the file
     */
    <T> Optional<T> parse(String relative, String codePrefix, Supplier<Parsed<T>> parser) {
        try {
            Parsed<T> parsed = parser.get();
            parsed.warnings().forEach(w -> warning(codePrefix + "-warning", relative, withoutSource(w, relative)));
            return Optional.of(parsed.value());
        } catch (CharmException e) {
            error(codePrefix + "-invalid", relative, withoutSource(e.getMessage(), relative));
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
