package org.juju.provider.local;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Debian mirrors this host's apt fetches from, read from its sources: {@code sources.list} and
 * {@code sources.list.d/*.list} (one-line format) and {@code sources.list.d/*.sources} (deb822), in
 * that order, each directory's files by name. The first entry that is Debian's own archive (type
 * {@code deb} or {@code deb-src}, an {@code http} or {@code https} URI, component {@code main}, and
 * only Debian suites such as {@code bookworm}, {@code stable-updates} or {@code sid}) names the
 * Debian mirror; the first such entry of a security suite ({@code bookworm-security}, or the older
 * {@code buster/updates}) names the security mirror. Third-party repositories (other suites or
 * components), disabled deb822 stanzas ({@code Enabled: no}) and files that cannot be read are
 * passed over; whatever is not found is {@link Mirrors#DEFAULT}'s.
 */
final class HostAptSources {
    /** The host's apt configuration directory. */
    static final Path APT_DIR = Path.of("/etc/apt");
    private static final Logger LOG = LoggerFactory.getLogger(HostAptSources.class);
    private static final Pattern DEBIAN_SUITE = Pattern.compile("(stable|testing|unstable|oldstable|oldoldstable"
            + "|experimental|sid|jessie|stretch|buster|bullseye|bookworm|trixie|forky|duke)"
            + "(-updates|-backports|-backports-sloppy|-proposed-updates|-security|/updates)?");

    private HostAptSources() {
    }

    /**
     * Where Debian and its security updates are fetched from.
     *
     * @param debian   the archive, e.g. {@code http://deb.debian.org/debian}
     * @param security the security archive, e.g. {@code http://deb.debian.org/debian-security}
     */
    record Mirrors(URI debian, URI security) {
        /** deb.debian.org, Debian's content delivery network. */
        static final Mirrors DEFAULT = new Mirrors(URI.create("http://deb.debian.org/debian"),
                URI.create("http://deb.debian.org/debian-security"));

        /** @throws IllegalArgumentException unless both are {@code http} or {@code https} URLs with a host */
        Mirrors {
            for (URI mirror : List.of(debian, security)) {
                if (!isHttp(mirror)) {
                    throw new IllegalArgumentException("not an http or https mirror: " + mirror);
                }
            }
        }
    }

    /** One source: a line of the one-line format, or a deb822 stanza with one of its URIs. */
    record Source(List<String> types, URI uri, List<String> suites, List<String> components) {
        Source {
            types = List.copyOf(types);
            Objects.requireNonNull(uri, "uri");
            suites = List.copyOf(suites);
            components = List.copyOf(components);
        }

        boolean isDebian() {
            return (types.contains("deb") || types.contains("deb-src")) && isHttp(uri) && components.contains("main")
                    && !suites.isEmpty() && suites.stream().allMatch(suite -> DEBIAN_SUITE.matcher(suite).matches());
        }

        boolean isSecurity() {
            return suites.stream().anyMatch(suite -> suite.endsWith("-security") || suite.endsWith("/updates"));
        }
    }

    /** The mirrors of this host's sources in {@link #APT_DIR}. */
    static Mirrors read() {
        return read(APT_DIR);
    }

    /** The mirrors of the sources in the apt configuration directory {@code aptDir}. */
    static Mirrors read(Path aptDir) {
        List<Source> sources = new ArrayList<>();
        readFile(aptDir.resolve("sources.list")).ifPresent(text -> sources.addAll(parseOneLine(text)));
        Path parts = aptDir.resolve("sources.list.d");
        filesEndingWith(parts, ".list").forEach(file -> readFile(file).ifPresent(text -> sources.addAll(parseOneLine(text))));
        filesEndingWith(parts, ".sources").forEach(file -> readFile(file).ifPresent(text -> sources.addAll(parseDeb822(text))));
        return mirrors(sources);
    }

    /** The mirrors named by the first Debian sources of {@code sources}, else the defaults. */
    static Mirrors mirrors(List<Source> sources) {
        List<Source> debian = sources.stream().filter(Source::isDebian).toList();
        URI archive = debian.stream().filter(s -> !s.isSecurity()).map(Source::uri).findFirst()
                .orElse(Mirrors.DEFAULT.debian());
        URI security = debian.stream().filter(Source::isSecurity).map(Source::uri).findFirst()
                .orElse(Mirrors.DEFAULT.security());
        return new Mirrors(archive, security);
    }

    /**
     * The sources of a file in the one-line format: {@code TYPE [OPTIONS] URI SUITE [COMPONENT...]}
     * per line; {@code #} starts a comment. Malformed lines are passed over.
     */
    static List<Source> parseOneLine(String text) {
        List<Source> sources = new ArrayList<>();
        for (String line : text.split("\\R")) {
            int hash = line.indexOf('#');
            List<String> words = new ArrayList<>(words(hash >= 0 ? line.substring(0, hash) : line));
            if (words.size() > 1 && words.get(1).startsWith("[")) {
                // options, with spaces inside the brackets or not: [arch=amd64 signed-by=...]
                int end = 1;
                while (end < words.size() - 1 && !words.get(end).endsWith("]")) {
                    end++;
                }
                words.subList(1, end + 1).clear();
            }
            if (words.size() >= 3) {
                uri(words.get(1)).ifPresent(uri -> sources.add(new Source(List.of(words.get(0)), uri,
                        List.of(words.get(2)), words.subList(3, words.size()))));
            }
        }
        return sources;
    }

    /**
     * The sources of a deb822 file: stanzas separated by blank lines, fields {@code Name: value}
     * (names in any case, continued on lines that start with white space), {@code #} lines
     * comments; one source per URI of a stanza, unless it has {@code Enabled: no}.
     */
    static List<Source> parseDeb822(String text) {
        List<Source> sources = new ArrayList<>();
        Map<String, String> fields = new HashMap<>();
        String last = null;
        for (String line : text.split("\\R")) {
            if (line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (line.isBlank()) {
                addStanza(fields, sources);
                fields.clear();
                last = null;
            } else if (Character.isWhitespace(line.charAt(0))) {
                if (last != null) {
                    fields.merge(last, " " + line.strip(), String::concat);
                }
            } else if (colon > 0) {
                last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                fields.put(last, line.substring(colon + 1).strip());
            }
        }
        addStanza(fields, sources);
        return sources;
    }

    private static void addStanza(Map<String, String> fields, List<Source> sources) {
        if (fields.getOrDefault("enabled", "yes").equalsIgnoreCase("no")) {
            return;
        }
        for (String uriText : words(fields.getOrDefault("uris", ""))) {
            uri(uriText).ifPresent(uri -> sources.add(new Source(words(fields.getOrDefault("types", "")), uri,
                    words(fields.getOrDefault("suites", "")), words(fields.getOrDefault("components", "")))));
        }
    }

    private static List<String> words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
    }

    private static boolean isHttp(URI uri) {
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    /** {@code text} as a URI without a trailing slash; empty if it is not one. */
    private static Optional<URI> uri(String text) {
        try {
            String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
            return Optional.of(new URI(trimmed));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static List<Path> filesEndingWith(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", dir, e.toString());
            return List.of();
        }
    }

    private static Optional<String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.toString());
            return Optional.empty();
        }
    }
}
