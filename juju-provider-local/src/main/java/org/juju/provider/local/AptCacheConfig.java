package org.juju.provider.local;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The configuration directory of an environment's apt-cacher-ng, which it reads instead of
 * {@code /etc/apt-cacher-ng} ({@code apt-cacher-ng -c DIR}), so it neither depends on nor disturbs
 * the system's own service (its port 3142, its cache, its socket):
 *
 * <pre>
 * DIR/acng.conf                  the options below
 * DIR/backends_debian            the host's Debian mirror, which the cache fetches Debian from
 * DIR/backends_debian_security   the host's security mirror
 * </pre>
 *
 * <p>{@code acng.conf} sets {@code CacheDir}, {@code LogDir}, {@code BindAddress} (that address
 * only), {@code Port}, {@code ForeGround: 1} (the supervisor waits for it), an empty
 * {@code SocketPath} (no UNIX socket: the default one is the system service's, and without one a
 * daemon that cannot bind its port exits instead of running on uselessly), the report page
 * {@code acng-report.html} and two repositories: {@code debrep}, requested through any Debian
 * mirror apt-cacher-ng knows (its {@code deb_mirror*.gz} list), the host's mirror or as
 * {@code /debian}, and {@code secdeb} for the security archive; each fetched from its backends file.
 *
 * @param description what the cache is, for the comment
 * @param cacheDir    {@code CacheDir}: the downloads, shared by the environments of the host
 * @param logDir      {@code LogDir}
 * @param bindAddress {@code BindAddress}
 * @param port        {@code Port}: 1 to {@value #MAX_PORT}
 * @param mirrors     the mirrors the cache fetches from
 */
record AptCacheConfig(String description, Path cacheDir, Path logDir, String bindAddress, int port,
        HostAptSources.Mirrors mirrors) {
    static final String CONF_FILE = "acng.conf";
    static final String DEBIAN_BACKENDS = "backends_debian";
    static final String SECURITY_BACKENDS = "backends_debian_security";
    static final String REPORT_PAGE = "acng-report.html";
    /**
     * The highest port apt-cacher-ng can listen on: 3.7 formats a port above it as a negative number,
     * fails to resolve it ("Error resolving address for binding") and serves nothing.
     */
    static final int MAX_PORT = 32767;
    private static final String SUPPORT_DIR = "/usr/lib/apt-cacher-ng";
    private static final List<String> SECURITY_PREFIXES = List.of("security.debian.org",
            "security.debian.org/debian-security", "deb.debian.org/debian-security", "/debian-security");

    AptCacheConfig {
        Objects.requireNonNull(description, "description");
        cacheDir = cacheDir.toAbsolutePath().normalize();
        logDir = logDir.toAbsolutePath().normalize();
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(mirrors, "mirrors");
        if (port < 1 || port > MAX_PORT) {
            throw new IllegalArgumentException("apt-cacher-ng cannot listen on port " + port + " (1 to " + MAX_PORT + ")");
        }
        // a line break or '#' would end the value early in acng.conf
        for (String value : List.of(description, cacheDir.toString(), logDir.toString(), bindAddress)) {
            if (value.isBlank() || value.contains("\n") || value.contains("\r") || value.contains("#")) {
                throw new IllegalArgumentException("not usable in acng.conf: '" + value + "'");
            }
        }
    }

    /** The text of {@code acng.conf}. */
    String conf() {
        Set<String> debian = new LinkedHashSet<>(List.of("file:deb_mirror*.gz", "/debian", prefix(mirrors.debian())));
        Set<String> security = new LinkedHashSet<>(SECURITY_PREFIXES);
        security.add(prefix(mirrors.security()));
        return """
                # apt-cacher-ng configuration of the %s, written by juju on every start:
                # apt-cacher-ng -c THIS-DIRECTORY reads it instead of /etc/apt-cacher-ng.
                CacheDir: %s
                LogDir: %s
                SupportDir: %s
                BindAddress: %s
                Port: %d
                ForeGround: 1
                SocketPath:
                ReportPage: %s
                ExThreshold: 4
                Remap-debrep: %s ; file:%s
                Remap-secdeb: %s ; file:%s
                """.formatted(description, cacheDir, logDir, SUPPORT_DIR, bindAddress, port, REPORT_PAGE,
                String.join(" ", debian), DEBIAN_BACKENDS, String.join(" ", security), SECURITY_BACKENDS);
    }

    /**
     * Writes the three files into {@code dir} (created if needed), each atomically.
     *
     * @throws IOException if the directory is not writable
     */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        DataDirLayout.writeAtomically(dir.resolve(DEBIAN_BACKENDS), backend(mirrors.debian()));
        DataDirLayout.writeAtomically(dir.resolve(SECURITY_BACKENDS), backend(mirrors.security()));
        DataDirLayout.writeAtomically(dir.resolve(CONF_FILE), conf());
    }

    /**
     * Where the daemon configured in {@code dir} listens, {@code host:port} ({@code [host]:port} for
     * IPv6 literals), from its {@code BindAddress} and {@code Port}; empty without both.
     */
    static Optional<String> address(Path dir) {
        String bind = null;
        OptionalInt port = OptionalInt.empty();
        try {
            for (String line : Files.readAllLines(dir.resolve(CONF_FILE), StandardCharsets.UTF_8)) {
                if (line.startsWith("BindAddress:")) {
                    bind = line.substring("BindAddress:".length()).strip();
                } else if (line.startsWith("Port:")) {
                    port = OptionalInt.of(Integer.parseInt(line.substring("Port:".length()).strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return bind == null || port.isEmpty() ? Optional.empty() : Optional.of(hostPort(bind, port.getAsInt()));
    }

    /** {@code host:port}, with the host in brackets if it is an IPv6 literal. */
    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** A backends file: the mirror's URL with a trailing slash, as apt-cacher-ng's own. */
    private static String backend(URI mirror) {
        return mirror.toString().replaceAll("/+$", "") + "/\n";
    }

    /** A mirror as a Remap prefix: host and path, without scheme or trailing slash. */
    private static String prefix(URI mirror) {
        String path = Optional.ofNullable(mirror.getRawPath()).orElse("").replaceAll("/+$", "");
        return mirror.getHost() + (mirror.getPort() > 0 ? ":" + mirror.getPort() : "") + path;
    }
}
