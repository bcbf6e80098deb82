package org.juju.provider.local;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of the daemons of a data directory ({@link ZooKeeperDaemon},
 * {@link StorageDaemon}): {@code --data-dir DIR [--host HOST] [--port N]}.
 *
 * @param dataDir absolute, normalized data directory
 * @param host    the address to listen on (default 127.0.0.1)
 * @param port    the port to listen on; 0 means the last port used, else any free port
 */
record DaemonOptions(Path dataDir, String host, int port) {
    static final String DEFAULT_HOST = "127.0.0.1";

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException with a one-line message for unknown options, missing values,
     *                                  a missing {@code --data-dir} or a port outside 0..65535
     */
    static DaemonOptions parse(List<String> args) {
        Path dataDir = null;
        String host = DEFAULT_HOST;
        int port = 0;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath().normalize();
                case "--host" -> host = value;
                case "--port" -> port = parsePort(value);
                default -> throw new IllegalArgumentException("unknown option " + option
                        + " (usage: --data-dir DIR [--host HOST] [--port N])");
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("missing required option --data-dir");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("--host must not be empty");
        }
        return new DaemonOptions(dataDir, host, port);
    }

    static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid port '" + value + "' (expected 0-65535)");
    }
}
