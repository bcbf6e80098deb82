package org.juju.state.charm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.CharmException;
import org.juju.state.error.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the files that make a charm (metadata.yaml, config.yaml, revision) from a directory or a
 * bundle, and the rules between them.
 *
 * <p>Revision rules: the {@code revision} file holds the revision (a non-negative integer, blanks
 * around it ignored). When it is missing, an old-style {@code revision:} key in metadata.yaml is
 * used with a warning; when both are missing the charm is refused.
 */
final class CharmReader {
    private static final Logger LOG = LoggerFactory.getLogger(CharmReader.class);

    /** Reads one file of the charm by its relative name; empty when it does not exist. */
    @FunctionalInterface
    interface FileSource {
        Optional<String> read(String name);
    }

    private CharmReader() {
    }

    /**
     * @param path       the directory or bundle, recorded in the result
     * @param bundle     whether {@code path} is a bundle
     * @param sourceName the name to use in messages for a file of the charm
     */
    static Charm read(Path path, boolean bundle, FileSource files, Function<String, String> sourceName) {
        String metaSource = sourceName.apply("metadata.yaml");
        String metaText = files.read("metadata.yaml").orElseThrow(() -> new CharmException(path
                + ": not a charm: metadata.yaml is missing"));
        Map<String, Object> raw;
        try {
            raw = YamlCodec.parseMap(metaText, metaSource);
        } catch (InvalidInputException e) {
            throw new CharmException(e.getMessage(), e);
        }
        Parsed<CharmMetadata> metadata = CharmMetadata.parse(raw, metaSource);
        Parsed<ConfigSchema> config = files.read("config.yaml")
                .map(text -> ConfigSchema.parse(text, sourceName.apply("config.yaml")))
                .orElse(new Parsed<>(ConfigSchema.EMPTY, List.of()));
        List<String> warnings = new ArrayList<>(metadata.warnings());
        warnings.addAll(config.warnings());
        int revision;
        Optional<String> revisionText = files.read("revision");
        if (revisionText.isPresent()) {
            revision = parseRevision(revisionText.get(), sourceName.apply("revision"));
        } else if (raw.get("revision") != null) {
            revision = YamlFields.integer(raw.get("revision"), metaSource, "revision");
            if (revision < 0) {
                throw new CharmException(metaSource + ": key 'revision': " + revision + " is negative");
            }
            String warning = path + ": no revision file: using the obsolete 'revision: " + revision
                    + "' from metadata.yaml";
            LOG.warn("{}", warning);
            warnings.add(warning);
        } else {
            throw new CharmException(path + ": revision file missing (write the charm revision, e.g. 1, to "
                    + sourceName.apply("revision") + ")");
        }
        return new Charm(metadata.value(), config.value(), revision, path, bundle, warnings);
    }

    static int parseRevision(String text, String source) {
        String digits = text.strip();
        if (!digits.matches("\\d{1,9}")) {
            throw new CharmException(source + ": expected the charm revision (a non-negative integer), found '"
                    + (digits.length() > 40 ? digits.substring(0, 40) + "..." : digits).replaceAll("\\s+", " ") + "'");
        }
        return Integer.parseInt(digits);
    }
}
