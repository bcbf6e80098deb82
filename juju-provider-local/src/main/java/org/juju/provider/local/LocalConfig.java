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
 */
public record LocalConfig(Path dataDir, String adminSecret, String defaultSeries, ContainerKind container,
                          String zooKeeperHost, int zooKeeperPort) {
    public static final String DATA_DIR = "data-dir";
    public static final String ADMIN_SECRET = "admin-secret";
    public static final String DEFAULT_SERIES = "default-series";
    public static final String CONTAINER = "container";
    public static final String ZOOKEEPER_HOST = "zookeeper-host";
    public static final String ZOOKEEPER_PORT = "zookeeper-port";
    public static final String DEFAULT_SERIES_VALUE = "bookworm";

    public LocalConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(adminSecret, "adminSecret");
        Objects.requireNonNull(defaultSeries, "defaultSeries");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(zooKeeperHost, "zooKeeperHost");
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
        return new LocalConfig(dataDir, adminSecret, series, container, host, port);
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
                + ", zooKeeperPort=" + zooKeeperPort + "]";
    }

    /** "FILE: environment 'NAME': invalid value 'VALUE' for key 'KEY' (expected EXPECTED)". */
    static InvalidInputException invalid(EnvironmentConfig config, String key, String value, String expected) {
        String file = config.source() == null ? "environments.yaml" : String.valueOf(config.source().getFileName());
        return new InvalidInputException(file + ": environment '" + config.name() + "': invalid value '"
                + value + "' for key '" + key + "' (expected " + expected + ")");
    }
}
