package org.juju.provider.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import org.juju.state.error.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apt cache of a local environment: Debian's apt-cacher-ng, through which the environment's
 * containers fetch their packages. It runs in the foreground under a supervisor like the agents do
 * ({@link SupervisedAgents}), in {@code <data-dir>/agents/apt-cache/}, with a configuration of its
 * own in {@code conf/} there ({@link AptCacheConfig}; {@code /etc/apt-cacher-ng} and the system's
 * apt-cacher-ng service are left alone), its logs in {@code logs/} and its output, with its
 * supervisor's, in {@value #OUTPUT_FILE}. It listens on one address only, the bridge's, and fetches
 * from the mirrors this host's apt uses ({@link HostAptSources}) into a cache directory shared by
 * the host's environments, so that downloads outlive {@code destroy-environment}. Where it serves is
 * in {@code <data-dir>/apt-cache.address} once it does. Thread-safe (no mutable state).
 */
final class AptCache {
    /** Debian's apt-cacher-ng (package {@code apt-cacher-ng}). */
    static final Path EXECUTABLE = Path.of("/usr/sbin/apt-cacher-ng");
    /** The cache directory shared by the host's environments, unless another is given. */
    static final Path DEFAULT_CACHE_DIR = Path.of("/var/cache/juju/apt-cacher-ng");
    /** The output file of apt-cacher-ng and its supervisor, in its directory. */
    static final String OUTPUT_FILE = "apt-cacher-ng.out";
    private static final Logger LOG = LoggerFactory.getLogger(AptCache.class);
    /** Picked ports lie below the kernel's ephemeral ports and above the well-known 3142. */
    private static final int MIN_PICKED_PORT = 20000;
    private static final int PICK_ATTEMPTS = 100;
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final int MAX_PROBE_BYTES = 64 * 1024;

    private final String environment;
    private final DataDirLayout layout;
    private final SupervisedAgents agents;
    private final String bindAddress;
    private final int port;
    private final Path cacheDir;
    private final HostAptSources.Mirrors mirrors;

    /**
     * @param bindAddress the only address it listens on: the bridge's (127.0.0.1 in tests)
     * @param port        0 for the port recorded in {@code apt-cache.last-port} if it is free, else a
     *                    free one; otherwise 1 to {@value AptCacheConfig#MAX_PORT}
     * @param cacheDir    where downloads are kept ({@link #DEFAULT_CACHE_DIR} but in tests)
     * @param mirrors     where it fetches from ({@link HostAptSources#read()} but in tests)
     */
    AptCache(String environment, DataDirLayout layout, SupervisedAgents agents, String bindAddress, int port,
            Path cacheDir, HostAptSources.Mirrors mirrors) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > AptCacheConfig.MAX_PORT) {
            throw new IllegalArgumentException("apt-cacher-ng cannot listen on port " + port);
        }
        this.port = port;
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.mirrors = Objects.requireNonNull(mirrors, "mirrors");
    }

    /** The apt cache on {@code bindAddress}, any free port, in the default cache directory, of this host's mirrors. */
    static AptCache forHost(String environment, DataDirLayout layout, SupervisedAgents agents, String bindAddress) {
        return new AptCache(environment, layout, agents, bindAddress, 0, DEFAULT_CACHE_DIR, HostAptSources.read());
    }

    /** Whether apt-cacher-ng can be run; if not, why ({@code reason} is empty if it can). */
    record Availability(boolean available, String reason) {
    }

    /** Whether {@link #EXECUTABLE} is installed. */
    static Availability available() {
        if (!Files.exists(EXECUTABLE)) {
            return new Availability(false, EXECUTABLE + " is not installed (Debian package apt-cacher-ng)");
        }
        return Files.isExecutable(EXECUTABLE) ? new Availability(true, "")
                : new Availability(false, EXECUTABLE + " is not executable");
    }

    /**
     * What {@link #start} did: whether it launched the supervisor (false: it ran already), and the
     * size of the output file before, from where a failure's telling line is looked for.
     */
    record Start(boolean launched, long outputOffset) {
    }

    /**
     * Makes sure apt-cacher-ng's supervisor runs. Unless it runs already, first deletes the address
     * file a dead daemon left, chooses the port (recording it in {@code apt-cache.last-port}),
     * creates the cache directory and writes the configuration. Does not wait for it to serve: see
     * {@link #awaitServing}.
     *
     * @throws ProviderException if apt-cacher-ng is not installed, no port is free, a directory
     *                           cannot be written or the supervisor cannot be started
     */
    Start start() {
        SupervisedAgent daemon = daemon();
        long offset = LogTail.size(daemon.output());
        return new Start(SupervisedDaemons.start(agents, layout.agentsLockFile(), daemon, this::prepare), offset);
    }

    /**
     * Waits until apt-cacher-ng serves its report page at the address of its configuration, then
     * records that address in {@code apt-cache.address}.
     *
     * @return where it serves, {@code host:port}
     * @throws ProviderException if its supervisor is gone or it does not serve within
     *                           {@code timeout}; the message ends with the output's telling line
     */
    String awaitServing(Start start, Duration timeout) {
        String address = SupervisedDaemons.awaitServing("apt cache", daemon(), start.outputOffset(), timeout,
                () -> AptCacheConfig.address(layout.aptCacheConfigDir()).filter(a -> serves(a, PROBE_TIMEOUT)));
        publish(address);
        return address;
    }

    /** Where it serves, {@code host:port}, from its address file (not probed). */
    Optional<String> address() {
        return DataDirLayout.readSmall(layout.aptCacheAddressFile());
    }

    /**
     * Stops apt-cacher-ng and its supervisor for good (SIGTERM, SIGKILL after {@code timeout}) and
     * deletes the address file. The configuration, logs and cache stay.
     *
     * @return true if something was running
     * @throws ProviderException if a process survives SIGKILL
     */
    boolean stop(Duration timeout) {
        boolean wasRunning = agents.stop(layout.aptCacheDir(), timeout);
        deleteAddress();
        return wasRunning;
    }

    /**
     * True if apt-cacher-ng answers a {@code GET} of its report page at {@code address} within
     * {@code timeout}: status 200 and its name in the page. Never through a proxy.
     */
    static boolean serves(String address, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try {
            URI page = URI.create("http://" + address + "/" + AptCacheConfig.REPORT_PAGE);
            HttpURLConnection connection = (HttpURLConnection) page.toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            try (InputStream in = connection.getInputStream()) {
                return connection.getResponseCode() == 200
                        && new String(in.readNBytes(MAX_PROBE_BYTES), StandardCharsets.UTF_8).contains("Apt-Cacher NG");
            } finally {
                connection.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private String description() {
        return "apt cache of environment '" + environment + "'";
    }

    private SupervisedAgent daemon() {
        return SupervisedAgent.command(layout.aptCacheDir(), description(),
                List.of(EXECUTABLE.toString(), "-c", layout.aptCacheConfigDir().toString()), OUTPUT_FILE);
    }

    private void prepare() {
        Availability availability = available();
        if (!availability.available()) {
            throw new ProviderException("cannot start the " + description() + ": " + availability.reason());
        }
        deleteAddress();
        try {
            Files.createDirectories(cacheDir);
            Files.createDirectories(layout.aptCacheLogDir());
            int chosen = choosePort();
            new AptCacheConfig(description(), cacheDir, layout.aptCacheLogDir(), bindAddress, chosen, mirrors)
                    .write(layout.aptCacheConfigDir());
            LastPort.write(layout.aptCacheLastPortFile(), chosen);
        } catch (IOException e) {
            throw new ProviderException("cannot prepare the " + description() + ": " + e, e);
        }
    }

    /**
     * The port asked for; for 0 the last port if it is free (and one apt-cacher-ng can use), else a
     * random free one between {@value #MIN_PICKED_PORT} and {@value AptCacheConfig#MAX_PORT}.
     */
    private int choosePort() {
        if (port != 0) {
            return port;
        }
        OptionalInt last = LastPort.reusable(layout.aptCacheLastPortFile(), bindAddress, LOG);
        if (last.isPresent() && last.getAsInt() <= AptCacheConfig.MAX_PORT) {
            return last.getAsInt();
        }
        for (int attempt = 0; attempt < PICK_ATTEMPTS; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(MIN_PICKED_PORT, AptCacheConfig.MAX_PORT + 1);
            if (LastPort.looksFree(bindAddress, candidate)) {
                return candidate;
            }
        }
        throw new ProviderException("no free port for the " + description() + " on " + bindAddress
                + " (is it an address of this host?)");
    }

    private void publish(String address) {
        if (address().filter(address::equals).isPresent()) {
            return;
        }
        try {
            DataDirLayout.writeAtomically(layout.aptCacheAddressFile(), address + "\n");
        } catch (IOException e) {
            throw new ProviderException("cannot write " + layout.aptCacheAddressFile() + ": " + e.getMessage(), e);
        }
    }

    private void deleteAddress() {
        try {
            Files.deleteIfExists(layout.aptCacheAddressFile());
        } catch (IOException e) {
            throw new ProviderException("cannot remove the address file " + layout.aptCacheAddressFile() + ": "
                    + e.getMessage(), e);
        }
    }
}
