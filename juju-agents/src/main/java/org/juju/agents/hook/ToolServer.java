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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * then stays while the socket is bound: an agent whose hooks never run tools in parallel holds one
 * thread, and an {@link #onDemand} server none between hooks. The thread that drops a client too
 * slow to send or take its reply exists while requests are served, and ends 30 s after the last.
 *
 * <p><b>Lifecycle.</b> {@link #start} binds (mode 0600, see {@link UnixSockets#bind}) and listens
 * until {@link #close}. {@link #onDemand} checks the path the same way (a live server there is a
 * conflict, a stale socket file is removed) but listens only while a context is registered: the
 * first registration binds, and closing the last client stops accepting, lets its threads end and
 * removes the socket file. An agent whose hooks rarely run then holds no socket and no thread
 * between them; a tool run after its hook has finished finds no socket instead of an unknown id.
 * {@link #close} stops accepting, lets requests in progress finish (up to 5 s), forgets every
 * client and removes the socket file.
 */
public final class ToolServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ToolServer.class);
    private static final long IO_TIMEOUT_SECONDS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path socket;
    private final boolean alwaysListening;
    /** Guards {@link #listening} and its binding and unbinding together with the clients' count. */
    private final Object listeningLock = new Object();
    /** The bound socket and its threads, null while not listening (an on-demand server without clients). */
    private Listener listening;
    /** Every serving thread still alive, of this and earlier listeners; a thread removes itself as it ends. */
    private final List<Thread> workers = new ArrayList<>();
    private final int maxWorkers;
    private final ScheduledExecutorService watchdog;
    private final Map<String, HookContext> clients = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ToolServer(Path socket, boolean alwaysListening, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.socket = socket;
        this.alwaysListening = alwaysListening;
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "hook-tools-watchdog"));
        timer.setKeepAliveTime(IO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true); // no thread while no tool runs
        timer.setRemoveOnCancelPolicy(true);
        this.watchdog = timer;
        this.maxWorkers = threads;
    }

    /** When a server listens on its socket. */
    public enum Listening {
        /**
         * From start to close. A live socket also tells a second agent for the same unit (one
         * started by a restarted machine agent while the first lives) that it must not run.
         */
        ALWAYS,
        /** Only while a context is registered ({@link #onDemand}). */
        WHILE_HOOKS_RUN
    }

    /** Starts a server with up to four serving threads. */
    public static ToolServer start(Path socket) {
        return start(socket, 4);
    }

    /** A server with up to four serving threads that listens as {@code listening} says. */
    public static ToolServer open(Path socket, Listening listening) {
        return listening == Listening.ALWAYS ? start(socket) : onDemand(socket);
    }

    /**
     * Binds {@code socket} and starts serving.
     *
     * @throws org.juju.state.error.JujuException if the socket cannot be bound (see {@link UnixSockets#bind})
     */
    public static ToolServer start(Path socket, int threads) {
        ToolServer toolServer = new ToolServer(socket.toAbsolutePath(), true, threads);
        synchronized (toolServer.listeningLock) {
            toolServer.listen();
        }
        return toolServer;
    }

    /**
     * A server with up to four serving threads that listens on {@code socket} only while a context
     * is registered (see the lifecycle above).
     *
     * @throws org.juju.state.error.ConflictException if another server listens on {@code socket}
     * @throws org.juju.state.error.JujuException if a stale socket file cannot be removed, or the
     *     path is too long for a socket
     */
    public static ToolServer onDemand(Path socket) {
        Path absolute = socket.toAbsolutePath();
        UnixSockets.closeQuietly(UnixSockets.bind(absolute)); // the checks of a bind, and nothing left bound
        deleteQuietly(absolute);
        return new ToolServer(absolute, false, 4);
    }

    /** Binds and starts the first serving thread. Called with {@link #listeningLock} held, while not listening. */
    private void listen() {
        listening = new Listener(UnixSockets.bind(socket));
        startWorker(listening);
        LOG.debug("Hook tool server listening on {}", socket);
    }

    /** Stops accepting and removes the socket file. Called with {@link #listeningLock} held. */
    private void stopListening() {
        if (listening != null) {
            UnixSockets.closeQuietly(listening.channel); // waiting threads see it closed and end
            listening = null;
            deleteQuietly(socket);
        }
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
        String id = HexFormat.of().formatHex(bytes(16));
        synchronized (listeningLock) {
            if (closed.get()) {
                throw new ConflictException("the hook tool server at " + socket + " is closed");
            }
            if (listening == null) {
                listen();
            }
            clients.put(id, context);
        }
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
            synchronized (listeningLock) {
                if (clients.remove(id) != null && clients.isEmpty() && !alwaysListening) {
                    stopListening();
                }
            }
        }
    }

    @Override
    public void close() {
        boolean wasListening;
        synchronized (listeningLock) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            wasListening = listening != null;
            if (wasListening) {
                UnixSockets.closeQuietly(listening.channel);
                listening = null;
            }
        }
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
        if (wasListening) {
            deleteQuietly(socket); // not a file another server may have bound since this one stopped listening
        }
    }

    private static void deleteQuietly(Path socket) {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("Cannot remove the hook tool socket {}", socket, e);
        }
    }

    /** A bound socket and the count of its threads: those waiting in accept and all of them. */
    private static final class Listener {
        final ServerSocketChannel channel;
        final AtomicInteger waiting = new AtomicInteger();
        /** Guarded by {@link ToolServer#workers}. */
        int threads;

        Listener(ServerSocketChannel channel) {
            this.channel = channel;
        }
    }

    /**
     * Starts one more thread serving {@code listener} unless it has as many as allowed, or the
     * server is closed. A thread ends, and leaves the counts, once its listener's socket is closed.
     */
    private void startWorker(Listener listener) {
        synchronized (workers) {
            if (listener.threads >= maxWorkers || closed.get()) {
                return;
            }
            listener.threads++;
            Thread[] self = new Thread[1];
            self[0] = daemon(() -> {
                try {
                    serveLoop(listener);
                } finally {
                    synchronized (workers) {
                        workers.remove(self[0]);
                        listener.threads--;
                    }
                }
            }, "hook-tools-" + listener.threads);
            workers.add(self[0]);
            self[0].start();
        }
    }

    private List<Thread> workersNow() {
        synchronized (workers) {
            return List.copyOf(workers);
        }
    }

    private void serveLoop(Listener listener) {
        while (!closed.get() && listener.channel.isOpen()) {
            SocketChannel connection;
            listener.waiting.incrementAndGet();
            try {
                connection = listener.channel.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("Hook tool server on {} cannot accept a connection", socket, e);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // e.g. out of file descriptors
                continue;
            } finally {
                listener.waiting.decrementAndGet();
            }
            if (listener.waiting.get() == 0) {
                startWorker(listener); // the next connection finds a thread waiting for it
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
