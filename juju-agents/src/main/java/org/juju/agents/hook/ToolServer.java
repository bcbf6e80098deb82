package org.juju.agents.hook;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.juju.state.error.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves hook tool requests on a Unix domain socket. Each running hook {@link #register registers}
 * its {@link HookContext} under a random client id, which the hook gets as {@code JUJU_CLIENT_ID};
 * requests name it, and are refused ({@code not in a hook context}, exit 2) once it is unregistered.
 *
 * <p><b>Protocol.</b> One request and one reply per connection; integers are 32-bit big-endian;
 * a field is a length followed by that many bytes of UTF-8. Request: the magic {@code JJT1}, a
 * field count N (3 + the number of arguments, at most 4099), then N fields: client id, tool name,
 * the client's working directory (empty if unknown), the arguments. Fields are at most 1 MiB and a
 * request at most 8 MiB. Reply: the magic {@code JJR1}, the exit code, the stdout field, the stderr
 * field; then the server closes. A malformed request gets a reply with exit 2 if the connection
 * still allows it. A client has 30 s to send its request and to take its reply, else it is dropped.
 *
 * <p><b>Threading.</b> Up to a small fixed number of threads each accept a connection and serve
 * it, so a hook may run tools in parallel (and no hand-off between threads delays a request);
 * tools of one context run one at a time (see {@link HookTools#run}). One thread waits at first;
 * another starts when a connection arrives while no other thread waits, up to that number, and
 * then stays: an agent whose hooks never run tools in parallel (or never run at all, as in a
 * simulated environment of thousands of units in one JVM) holds one thread.
 *
 * <p><b>Lifecycle.</b> {@link #start} binds (mode 0600, see {@link UnixSockets#bind}); {@link #close}
 * stops accepting, lets requests in progress finish (up to 5 s), forgets every client and removes
 * the socket file.
 */
public final class ToolServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ToolServer.class);
    private static final long IO_TIMEOUT_SECONDS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path socket;
    private final ServerSocketChannel server;
    private final List<Thread> workers = new ArrayList<>();
    private final int maxWorkers;
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
    private final ScheduledExecutorService watchdog;
    private final Map<String, HookContext> clients = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ToolServer(Path socket, ServerSocketChannel server, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.socket = socket;
        this.server = server;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hook-tools-watchdog"));
        this.maxWorkers = threads;
    }

    /** Starts a server with up to four serving threads. */
    public static ToolServer start(Path socket) {
        return start(socket, 4);
    }

    /**
     * Binds {@code socket} and starts serving.
     *
     * @throws org.juju.state.error.JujuException if the socket cannot be bound (see {@link UnixSockets#bind})
     */
    public static ToolServer start(Path socket, int threads) {
        Path absolute = socket.toAbsolutePath();
        ToolServer toolServer = new ToolServer(absolute, UnixSockets.bind(absolute), threads);
        toolServer.startWorker();
        LOG.debug("Hook tool server listening on {}", absolute);
        return toolServer;
    }

    /** The socket's absolute path, for {@code JUJU_AGENT_SOCKET}. */
    public Path socket() {
        return socket;
    }

    /**
     * Makes a context reachable by tools until the returned client is closed.
     *
     * @throws ConflictException if the server is closed
     */
    public Client register(HookContext context) {
        if (closed.get()) {
            throw new ConflictException("the hook tool server at " + socket + " is closed");
        }
        String id = HexFormat.of().formatHex(bytes(16));
        clients.put(id, context);
        return new Client(id);
    }

    /** A registered context: its id, and closing it makes the id unknown. Idempotent. */
    public final class Client implements AutoCloseable {
        private final String id;

        private Client(String id) {
            this.id = id;
        }

        /** The id the hook gets as {@code JUJU_CLIENT_ID}. */
        public String id() {
            return id;
        }

        @Override
        public void close() {
            clients.remove(id);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        UnixSockets.closeQuietly(server);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            for (Thread worker : workersNow()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    worker.join(left); // lets a request in progress finish
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.shutdownNow();
        clients.clear();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("Cannot remove the hook tool socket {}", socket, e);
        }
    }

    /** Starts one more serving thread unless there are as many as allowed, or the server is closed. */
    private void startWorker() {
        synchronized (workers) {
            if (workers.size() >= maxWorkers || closed.get()) {
                return;
            }
            Thread worker = daemon(this::serveLoop, "hook-tools-" + (workers.size() + 1));
            workers.add(worker);
            worker.start();
        }
    }

    private List<Thread> workersNow() {
        synchronized (workers) {
            return List.copyOf(workers);
        }
    }

    private void serveLoop() {
        while (!closed.get()) {
            SocketChannel connection;
            waiting.incrementAndGet();
            try {
                connection = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("Hook tool server on {} cannot accept a connection", socket, e);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // e.g. out of file descriptors
                continue;
            } finally {
                waiting.decrementAndGet();
            }
            if (waiting.get() == 0) {
                startWorker(); // the next connection finds a thread waiting for it
            }
            try {
                handle(connection);
            } catch (RuntimeException e) {
                LOG.error("Hook tool server on {} failed a request", socket, e);
            }
        }
    }

    private void handle(SocketChannel connection) {
        try (connection) {
            ToolResult result;
            ScheduledFuture<?> deadline = watchdog.schedule(
                    () -> UnixSockets.closeQuietly(connection), IO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            try {
                ToolRequest request = ToolWire.readRequest(new BufferedInputStream(Channels.newInputStream(connection)));
                deadline.cancel(false);
                result = serve(request);
            } catch (ProtocolException e) {
                deadline.cancel(false);
                result = HookTools.error(HookTools.EXIT_USAGE, HookTools.CLIENT, "malformed request: " + e.getMessage());
            }
            deadline = watchdog.schedule(() -> UnixSockets.closeQuietly(connection), IO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(connection));
            ToolWire.writeReply(out, result);
            deadline.cancel(false);
        } catch (IOException e) {
            LOG.debug("Hook tool connection dropped: {}", e.toString());
        }
    }

    private ToolResult serve(ToolRequest request) {
        HookContext context = clients.get(request.clientId());
        if (context == null) {
            return HookTools.error(HookTools.EXIT_USAGE, request.tool(),
                    "not in a hook context (the client id is unknown or its hook has finished)");
        }
        Path cwd = directory(request.cwd());
        HookMdc mdc = HookMdc.put(context.unit(), context.spec());
        try (mdc) {
            long start = System.nanoTime();
            ToolResult result = HookTools.run(context, request.tool(), request.args(), cwd);
            // Arguments are not logged: relation-set's carry passwords.
            LOG.debug("{} exited {} in {} us", request.tool(), result.exitCode(), (System.nanoTime() - start) / 1000);
            return result;
        }
    }

    /** The client's working directory, or null if it sent none usable. */
    private static Path directory(String cwd) {
        try {
            Path path = Path.of(cwd);
            return path.isAbsolute() ? path : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
