package org.juju.provider.local;

import java.nio.file.Path;
import java.util.Objects;
import org.juju.provider.EnvironmentConfig;
import org.juju.state.error.InvalidInputException;

/**
 * The validated configuration of a local environment.
 *
 * @param dataDir        absolute data directory ({@code data-dir}, required)
 * @param adminSecret    the environment's admin secret ({@code admin-secret}); empty in the copy of the
 *                       configuration agents read from the tree, which never holds it
 * @param defaultSeries  series of new machines ({@code default-series}, default bookworm)
 * @param container      how machines run ({@code container}: process or lxc, default process)
 * @param zooKeeperHost  where the state server listens ({@code zookeeper-host}, default 127.0.0.1)
 * @param zooKeeperPort  its port ({@code zookeeper-port}, default 0: the last port used, else a free one)
 * @param spareMachines  how many machines the provisioning agent keeps booted ahead of need
 *                       ({@code spare-machines}, 0-8, default 1), so that a new machine is taken
 *                       over instead of started
 * @param zooKeeperServers how many ZooKeeper servers the state server is ({@code zookeeper-servers}:
 *                       1, 3, 5 or 7, default 1); more than one form an ensemble on this host (see
 *                       {@link ZooKeeperEnsembleProcess}), which needs {@code zookeeper-port} 0
 */
public record LocalConfig(Path dataDir, String adminSecret, String defaultSeries, ContainerKind container,
                          String zooKeeperHost, int zooKeeperPort, int spareMachines, int zooKeeperServers) {
    public static final String DATA_DIR = "data-dir";
    public static final String ADMIN_SECRET = "admin-secret";
    public static final String DEFAULT_SERIES = "default-series";
    public static final String CONTAINER = "container";
    public static final String ZOOKEEPER_HOST = "zookeeper-host";
    public static final String ZOOKEEPER_PORT = "zookeeper-port";
    public static final String SPARE_MACHINES = "spare-machines";
    public static final String ZOOKEEPER_SERVERS = "zookeeper-servers";
    public static final String DEFAULT_SERIES_VALUE = "bookworm";
    public static final int DEFAULT_SPARE_MACHINES = 1;
    public static final int MAX_SPARE_MACHINES = 8;

    public LocalConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(adminSecret, "adminSecret");
        Objects.requireNonNull(defaultSeries, "defaultSeries");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(zooKeeperHost, "zooKeeperHost");
        if (spareMachines < 0 || spareMachines > MAX_SPARE_MACHINES) {
            throw new IllegalArgumentException("spareMachines out of 0-" + MAX_SPARE_MACHINES + ": " + spareMachines);
        }
        if (zooKeeperServers < 1 || zooKeeperServers > 7 || zooKeeperServers % 2 == 0) {
            throw new IllegalArgumentException("zooKeeperServers not 1, 3, 5 or 7: " + zooKeeperServers);
        }
    }

    /** A configuration with a single ZooKeeper server. */
    public LocalConfig(Path dataDir, String adminSecret, String defaultSeries, ContainerKind container,
                       String zooKeeperHost, int zooKeeperPort, int spareMachines) {
        this(dataDir, adminSecret, defaultSeries, container, zooKeeperHost, zooKeeperPort, spareMachines, 1);
    }

    /** True if the state server is an ensemble of several ZooKeeper servers. */
    public boolean ensemble() {
        return zooKeeperServers > 1;
    }

    /**
     * Validates the keys of {@code config}.
     *
     * @throws InvalidInputException naming the file, the environment and the key at fault, e.g.
     *         "environments.yaml: environment 'local': missing required key 'data-dir'"
     */
    public static LocalConfig from(EnvironmentConfig config) {
        Path dataDir = config.requirePath(DATA_DIR);
        String adminSecret = config.optionalString(ADMIN_SECRET).orElse("");
        String series = config.optionalString(DEFAULT_SERIES).orElse(DEFAULT_SERIES_VALUE);
        String containerText = config.optionalString(CONTAINER).orElse(ContainerKind.PROCESS.configValue());
        ContainerKind container = ContainerKind.fromConfig(containerText)
                .orElseThrow(() -> invalid(config, CONTAINER, containerText, "process or lxc"));
        String host = config.optionalString(ZOOKEEPER_HOST).orElse(DaemonOptions.DEFAULT_HOST);
        int port = config.optionalString(ZOOKEEPER_PORT).map(text -> port(config, text)).orElse(0);
        int spares = config.optionalString(SPARE_MACHINES).map(text -> spares(config, text)).orElse(DEFAULT_SPARE_MACHINES);
        int servers = config.optionalString(ZOOKEEPER_SERVERS).map(text -> servers(config, text)).orElse(1);
        if (servers > 1 && port != 0) {
            throw new InvalidInputException(fileName(config) + ": environment '" + config.name() + "': "
                    + ZOOKEEPER_PORT + " applies to a single server; leave it out with " + ZOOKEEPER_SERVERS + ": " + servers);
        }
        return new LocalConfig(dataDir, adminSecret, series, container, host, port, spares, servers);
    }

    private static int servers(EnvironmentConfig config, String text) {
        String trimmed = text.trim();
        if (trimmed.equals("1") || trimmed.equals("3") || trimmed.equals("5") || trimmed.equals("7")) {
            return Integer.parseInt(trimmed);
        }
        throw invalid(config, ZOOKEEPER_SERVERS, text, "1, 3, 5 or 7");
    }

    private static int spares(EnvironmentConfig config, String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0 && value <= MAX_SPARE_MACHINES) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(config, SPARE_MACHINES, text, "a number 0-" + MAX_SPARE_MACHINES);
    }

    private static int port(EnvironmentConfig config, String text) {
        try {
            return DaemonOptions.parsePort(text);
        } catch (IllegalArgumentException e) {
            throw invalid(config, ZOOKEEPER_PORT, text, "a port number 0-65535");
        }
    }

    /** Like the record's own form, with the admin secret left out. */
    @Override
    public String toString() {
        return "LocalConfig[dataDir=" + dataDir + ", adminSecret=(hidden), defaultSeries=" + defaultSeries
                + ", container=" + container.configValue() + ", zooKeeperHost=" + zooKeeperHost
                + ", zooKeeperPort=" + zooKeeperPort + ", spareMachines=" + spareMachines
                + ", zooKeeperServers=" + zooKeeperServers + "]";
    }

    private static String fileName(EnvironmentConfig config) {
        return config.source() == null ? "environments.yaml" : String.valueOf(config.source().getFileName());
    }

    /** "FILE: environment 'NAME': invalid value 'VALUE' for key 'KEY' (expected EXPECTED)". */
    static InvalidInputException invalid(EnvironmentConfig config, String key, String value, String expected) {
        return new InvalidInputException(fileName(config) + ": environment '" + config.name() + "': invalid value '"
                + value + "' for key '" + key + "' (expected " + expected + ")");
    }
}
