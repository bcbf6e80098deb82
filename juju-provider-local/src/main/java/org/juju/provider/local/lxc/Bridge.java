package org.juju.provider.local.lxc;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.juju.state.error.ProviderException;
import org.juju.state.io.AtomicFiles;

/**
 * The network bridge of a local environment's containers: a Linux bridge on this host with the
 * address {@code P.1/24}, where {@code P} is a private {@code 10.a.b} prefix chosen once per data
 * directory (not overlapping any IPv4 network on this host) and kept in {@code network.properties}
 * there, so that the environment keeps its addresses across restarts. Containers get
 * {@code P.10} to {@code P.254}. No NAT and no route out: containers reach only this host (ZooKeeper,
 * the charm storage, the apt cache on the bridge address).
 *
 * @param name   the bridge's interface name ({@code jj} and 8 hex digits of the data directory's hash)
 * @param prefix the first three octets of the /24
 */
public record Bridge(String name, String prefix) {
    /** The file in the data directory that keeps the bridge's name and prefix. */
    public static final String FILE = "network.properties";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern INET = Pattern.compile("inet (\\d+)\\.(\\d+)\\.(\\d+)\\.\\d+/(\\d+)");

    public Bridge {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9]{1,15}")) {
            throw new IllegalArgumentException("invalid bridge name " + name);
        }
        if (!prefix.matches("10\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("invalid prefix " + prefix);
        }
    }

    /** The host's address on the bridge: {@code P.1}. */
    public String hostAddress() {
        return prefix + ".1";
    }

    /** The address of container host number {@code host} (10-254). */
    public String address(int host) {
        if (host < 10 || host > 254) {
            throw new IllegalArgumentException("container host number out of 10-254: " + host);
        }
        return prefix + "." + host;
    }

    /**
     * The bridge of the environment whose data directory is {@code dataDir}: the one kept in its
     * {@value #FILE}, else a new choice, which is kept there.
     *
     * @throws ProviderException if the file cannot be read or written, or no free prefix is found
     */
    public static Bridge of(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                Properties properties = new Properties();
                properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
                return new Bridge(properties.getProperty("bridge"), properties.getProperty("prefix"));
            }
            Bridge chosen = choose(dataDir, hostPrefixes());
            AtomicFiles.writeString(file, "# the network of this environment's containers\nbridge=" + chosen.name()
                    + "\nprefix=" + chosen.prefix() + "\n");
            return chosen;
        } catch (IOException | IllegalArgumentException e) {
            throw new ProviderException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Chooses a bridge for {@code dataDir}: its name and a first candidate prefix from the hash of
     * the path, the prefix moved on until it is none of {@code taken}.
     */
    static Bridge choose(Path dataDir, Set<String> taken) {
        byte[] hash = sha256(dataDir.toAbsolutePath().normalize().toString());
        String name = "jj" + HexFormat.of().formatHex(hash, 0, 4);
        int start = ((hash[4] & 0xff) << 8) | (hash[5] & 0xff);
        for (int i = 0; i < 100 * 256; i++) {
            int n = (start + i) % (100 * 256);
            String prefix = "10." + (100 + n / 256) + "." + (n % 256);
            if (!taken.contains(prefix)) {
                return new Bridge(name, prefix);
            }
        }
        throw new ProviderException("no free 10.100-199.x.0/24 network for the containers' bridge");
    }

    /** The /24 prefixes of this host's IPv4 addresses (and those of wider networks they fall in). */
    static Set<String> hostPrefixes() {
        return prefixesIn(HostCommand.run(TIMEOUT, List.of("ip", "-4", "-o", "addr", "show")));
    }

    /** The {@code a.b.c} prefixes of the {@code inet} networks in {@code ip -o addr} output. */
    static Set<String> prefixesIn(String ipOutput) {
        Matcher matcher = INET.matcher(ipOutput);
        Set<String> prefixes = new java.util.TreeSet<>();
        while (matcher.find()) {
            int bits = Integer.parseInt(matcher.group(4));
            String a = matcher.group(1);
            String b = matcher.group(2);
            if (bits >= 24) {
                prefixes.add(a + "." + b + "." + matcher.group(3));
            } else if (bits >= 16) {
                for (int c = 0; c < 256; c++) {
                    prefixes.add(a + "." + b + "." + c);
                }
            } else if (a.equals("10")) {
                for (int bb = 0; bb < 256; bb++) {
                    for (int c = 0; c < 256; c++) {
                        prefixes.add("10." + bb + "." + c);
                    }
                }
            }
        }
        return prefixes;
    }

    /** True if the bridge's interface exists. */
    public boolean exists() {
        return HostCommand.status(TIMEOUT, List.of("ip", "link", "show", "dev", name)).status() == 0;
    }

    /**
     * Creates the bridge if it is missing, gives it the host address if it lacks it, and brings it
     * up. Idempotent.
     *
     * @throws ProviderException if an {@code ip} command fails
     */
    public void ensureUp() {
        if (!exists()) {
            HostCommand.run(TIMEOUT, List.of("ip", "link", "add", "name", name, "type", "bridge"));
        }
        String addresses = HostCommand.run(TIMEOUT, List.of("ip", "-4", "-o", "addr", "show", "dev", name));
        if (!addresses.contains("inet " + hostAddress() + "/24")) {
            HostCommand.run(TIMEOUT, List.of("ip", "addr", "add", hostAddress() + "/24", "dev", name));
        }
        HostCommand.run(TIMEOUT, List.of("ip", "link", "set", "dev", name, "up"));
    }

    /** Deletes the bridge's interface if it exists. Idempotent. */
    public boolean remove() {
        if (!exists()) {
            return false;
        }
        HostCommand.run(TIMEOUT, List.of("ip", "link", "delete", "dev", name));
        return true;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + prefix + ".0/24)";
    }
}
