package org.juju.state.charm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.CharmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local charm repository: {@code REPO/SERIES/ENTRY}, where each entry is a charm directory or a
 * bundle file named {@code *.charm}. Charms are matched on the name in their metadata, not on the
 * entry name, so {@code REPO/precise/mysql-new/} may hold the charm {@code mysql}.
 */
public final class LocalRepository {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRepository.class);

    private final Path root;

    /** A repository rooted at {@code root}; nothing is read until {@link #resolve(CharmUrl)}. */
    public LocalRepository(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** The repository directory. */
    public Path root() {
        return root;
    }

    /**
     * Finds the charm {@code url} names: the one with exactly the URL's revision when it has one,
     * else the highest revision of that name in that series. Entries are searched in name order;
     * when two hold the same name and revision, the first wins (with a warning).
     *
     * <p>Entries that cannot be read are skipped with a warning, unless they are the charm asked
     * for (the entry name, without {@code .charm}, or the name in its metadata is the charm name):
     * then their error is thrown, so a broken charm is never silently replaced by another copy,
     * except by a valid copy with exactly the revision asked for.
     *
     * @throws CharmException when the URL is not {@code local:}, the repository does not exist, the
     *                        charm is not found, or the charm asked for is invalid
     */
    public Charm resolve(CharmUrl url) {
        if (!url.isLocal()) {
            throw new CharmException("the charm store is not available: deploy a local charm with --repository DIR"
                    + " and local:SERIES/NAME (asked for " + url + ")");
        }
        if (!Files.isDirectory(root)) {
            throw new CharmException("charm repository not found: " + root);
        }
        List<Charm> matches = new ArrayList<>();
        List<CharmException> failures = new ArrayList<>();
        for (Path entry : entries(root.resolve(url.series()))) {
            try {
                Charm charm = Files.isDirectory(entry) ? CharmDirectory.read(entry) : CharmBundle.read(entry);
                if (charm.name().equals(url.name())) {
                    matches.add(charm);
                }
            } catch (CharmException e) {
                if (isNamed(entry, url.name())) {
                    failures.add(e);
                } else {
                    LOG.warn("skipping {} in charm repository: {}", entry, e.getMessage());
                }
            }
        }
        List<Charm> wanted = matches.stream()
                .filter(c -> !url.hasRevision() || c.revision() == url.revision())
                .sorted(Comparator.comparingInt(Charm::revision).reversed())
                .toList();
        if (!failures.isEmpty() && (wanted.isEmpty() || !url.hasRevision())) {
            throw failures.get(0);
        }
        if (wanted.isEmpty()) {
            String found = matches.stream().map(Charm::revision).sorted(Comparator.reverseOrder()).distinct()
                    .map(String::valueOf).collect(Collectors.joining(", "));
            throw new CharmException("charm '" + url + "' not found in repository " + root
                    + (found.isEmpty() ? "" : " (revisions found: " + found + ")"));
        }
        Charm chosen = wanted.get(0);
        if (wanted.size() > 1 && wanted.get(1).revision() == chosen.revision()) {
            LOG.warn("{} is in the charm repository more than once; using {}", chosen.localUrl(url.series()),
                    chosen.path());
        }
        return chosen;
    }

    private static List<Path> entries(Path seriesDir) {
        if (!Files.isDirectory(seriesDir)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(seriesDir)) {
            return listing.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".charm"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CharmException(seriesDir + ": cannot list the charm repository: " + e.getMessage(), e);
        }
    }

    /** Whether a broken entry is meant to be the charm {@code name}: by entry name or metadata name. */
    private static boolean isNamed(Path entry, String name) {
        String entryName = entry.getFileName().toString().replaceFirst("\\.charm$", "");
        if (entryName.equals(name) || entryName.matches(Pattern.quote(name) + "-\\d+")) {
            return true;
        }
        try {
            String text = CharmDirectory.readText(entry.resolve("metadata.yaml")).orElse("");
            return name.equals(YamlCodec.parseMap(text, "metadata.yaml").get("name"));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
