package org.juju.provider.local;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.OptionalInt;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.slf4j.Logger;

/**
 * Chooses and binds the daemon's listening port: the requested port, or for port 0 the port
 * recorded in {@code zookeeper.last-port} when it is free, and otherwise any free port.
 */
final class ServerBinding {
    /** No per-address connection limit: every agent of a local environment connects from one host. */
    static final int MAX_CLIENT_CNXNS = 0;

    private final DaemonOptions options;
    private final DataDirLayout layout;
    private final Logger log;

    ServerBinding(DaemonOptions options, DataDirLayout layout, Logger log) {
        this.options = options;
        this.layout = layout;
        this.log = log;
    }

    /**
     * A configured (bound, not yet started) connection factory.
     *
     * @throws BindException with a one-line message naming the address if the requested port is taken
     * @throws IOException   for other network failures
     */
    ServerCnxnFactory bind() throws IOException {
        if (options.port() == 0) {
            OptionalInt last = LastPort.reusable(layout.lastPortFile(), options.host(), log);
            if (last.isPresent()) {
                try {
                    return configure(last.getAsInt());
                } catch (BindException e) {
                    log.warn("last port {} was taken meanwhile; picking a free port", last.getAsInt());
                }
            }
        }
        try {
            return configure(options.port());
        } catch (BindException e) {
            BindException failure = new BindException("cannot listen on "
                    + new InetSocketAddress(options.host(), options.port()) + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private ServerCnxnFactory configure(int port) throws IOException {
        ServerCnxnFactory factory = ServerCnxnFactory.createFactory();
        factory.configure(new InetSocketAddress(options.host(), port), MAX_CLIENT_CNXNS);
        return factory;
    }
}
