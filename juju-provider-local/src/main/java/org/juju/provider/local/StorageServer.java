package org.juju.provider.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * A read-only HTTP server of a charm storage directory (see {@link StorageHandler} for what it
 * answers), on the JDK's {@code com.sun.net.httpserver}. Uploads are not its business: clients on
 * this host write the directory directly ({@link LocalCharmStorage}). Requests are served by a few
 * worker threads, so a slow download does not hold up the others.
 */
final class StorageServer implements AutoCloseable {
    private static final int WORKERS = 4;
    private static final int BACKLOG = 50;
    /**
     * Seconds that {@link #close} leaves running requests to finish: none. The daemon stops when its
     * environment is destroyed, after the machines, so nobody is downloading then; a download cut
     * otherwise is fetched again by the machine agent's next round. (The JDK's server waits the
     * whole delay even when no request is running.)
     */
    private static final int STOP_DELAY_SECONDS = 0;

    private final HttpServer server;
    private final ExecutorService workers;
    private final StorageAddress address;

    private StorageServer(HttpServer server, ExecutorService workers, String host) {
        this.server = server;
        this.workers = workers;
        this.address = new StorageAddress(host, server.getAddress().getPort());
    }

    /**
     * Serves {@code directory} on {@code host} and {@code port}. With port 0 it takes the port
     * recorded in {@code lastPortFile} if that is free, and otherwise any free port; the port bound
     * is recorded there in turn. Returns once the server accepts requests.
     *
     * @throws BindException with a one-line message naming the address if the port is taken
     * @throws IOException   for other network failures, or if the last port cannot be recorded
     */
    static StorageServer start(Path directory, String host, int port, Path lastPortFile, Logger log)
            throws IOException {
        HttpServer server = bind(host, port, lastPortFile, log);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, workerThreads());
        server.setExecutor(workers);
        server.createContext("/", new StorageHandler(directory, log));
        server.start();
        StorageServer started = new StorageServer(server, workers, host);
        try {
            LastPort.write(lastPortFile, started.address.port());
        } catch (IOException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** Where the server listens. */
    StorageAddress address() {
        return address;
    }

    /** Stops accepting requests, cuts the running ones and ends the workers. */
    @Override
    public void close() {
        server.stop(STOP_DELAY_SECONDS);
        workers.shutdownNow();
    }

    private static HttpServer bind(String host, int port, Path lastPortFile, Logger log) throws IOException {
        if (port == 0) {
            OptionalInt last = LastPort.reusable(lastPortFile, host, log);
            if (last.isPresent()) {
                try {
                    return HttpServer.create(new InetSocketAddress(host, last.getAsInt()), BACKLOG);
                } catch (BindException e) {
                    log.warn("last port {} was taken meanwhile; picking a free port", last.getAsInt());
                }
            }
        }
        try {
            return HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
        } catch (BindException e) {
            BindException failure = new BindException("cannot listen on " + new InetSocketAddress(host, port) + ": "
                    + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private static java.util.concurrent.ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "storage-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
