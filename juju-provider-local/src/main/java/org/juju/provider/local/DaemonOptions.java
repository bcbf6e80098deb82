package org.juju.provider.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line of the daemons of a data directory ({@link ZooKeeperDaemon},
 * {@link StorageDaemon}): {@code --data-dir DIR [--host HOST] [--port N]}, and for ZooKeeper
 * also {@code [--secure-port N --tls-dir DIR]} (both or neither).
 *
 * @param dataDir absolute, normalized data directory
 * @param host    the address to listen on (default 127.0.0.1; {@code 0.0.0.0} for every address)
 * @param port    the port to listen on; 0 means the last port used, else any free port
 * @param secure  the TLS client port, if one was asked for
 */
record DaemonOptions(Path dataDir, String host, int port, Optional<SecureClientPort> secure) {
    static final String DEFAULT_HOST = "127.0.0.1";
    private static final String USAGE = "usage: --data-dir DIR [--host HOST] [--port N] [--secure-port N --tls-dir DIR]";

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException with a one-line message for unknown options, missing values,
     *                                  a missing {@code --data-dir}, a port outside 0..65535, a
     *                                  secure port outside 1..65535 or only one of
     *                                  {@code --secure-port} and {@code --tls-dir}
     */
    static DaemonOptions parse(List<String> args) {
        Path dataDir = null;
        String host = DEFAULT_HOST;
        int port = 0;
        Integer securePort = null;
        Path tlsDir = null;
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
                case "--secure-port" -> securePort = parsePort(value);
                case "--tls-dir" -> tlsDir = Path.of(value).toAbsolutePath().normalize();
                default -> throw new IllegalArgumentException("unknown option " + option + " (" + USAGE + ")");
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("missing required option --data-dir");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("--host must not be empty");
        }
        if ((securePort == null) != (tlsDir == null)) {
            throw new IllegalArgumentException("--secure-port and --tls-dir go together (" + USAGE + ")");
        }
        if (securePort != null && securePort == 0) {
            throw new IllegalArgumentException("invalid secure port '0' (expected 1-65535)");
        }
        Optional<SecureClientPort> secure = securePort == null ? Optional.empty()
                : Optional.of(new SecureClientPort(securePort, tlsDir));
        return new DaemonOptions(dataDir, host, port, secure);
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
