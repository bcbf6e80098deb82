package org.juju.agents.simulated;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.juju.agents.bench.JvmFootprint;
import org.juju.agents.bench.ZooKeeperCounters;
import org.juju.agents.runtime.AgentLogging;
import org.juju.state.error.ProviderException;

/**
 * A ZooKeeper server in a JVM of its own: the server of {@link InProcessZooKeeper} (the same
 * configuration, 127.0.0.1 at a free port) started by {@link #main} in a child {@code java} with this
 * JVM's class path, as a real environment runs its server apart from its agents. Its connections,
 * threads and garbage then count against its own process, not the agents'.
 *
 * <p>The child says {@value #SERVING} and its connect string on its standard output once it serves;
 * it logs to {@code DIR/agent.log} (ZooKeeper at WARN) and its standard error goes to
 * {@code DIR/zookeeper.err}. It answers {@code mntr} and {@code ruok} on its client port, which
 * give the {@link #counters() counters}. It ends when its standard input closes: when
 * {@link #close()} closes it, or when this JVM ends in any way, so that no server outlives the
 * environment that started it.
 */
public final class ZooKeeperProcess implements SimulatedZooKeeper {
    /** What the child prints, followed by its connect string, once it serves. */
    static final String SERVING = "serving ";
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 10;
    private final Process process;
    private final String connectString;

    private ZooKeeperProcess(Process process, String connectString) {
        this.process = process;
        this.connectString = connectString;
    }

    /**
     * Starts a server keeping its data in {@code dataDir} (created if needed) and waits until it
     * serves, at most a minute.
     *
     * @throws ProviderException naming the cause and the server's error file if it does not serve
     */
    public static ZooKeeperProcess start(Path dataDir) {
        Path errors = dataDir.resolve("zookeeper.err");
        Process process;
        try {
            Files.createDirectories(dataDir);
            process = new ProcessBuilder(command(dataDir))
                    .redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()))
                    .start();
        } catch (IOException e) {
            throw new ProviderException("cannot start a ZooKeeper process in " + dataDir + ": " + e.getMessage(), e);
        }
        try {
            String line = CompletableFuture.supplyAsync(() -> firstLine(process.getInputStream()))
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null || !line.startsWith(SERVING)) {
                throw new ProviderException("the ZooKeeper process in " + dataDir + " did not start (exit "
                        + exitOf(process) + "); see " + errors);
            }
            drain(process.getInputStream());
            return new ZooKeeperProcess(process, line.substring(SERVING.length()).strip());
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new ProviderException("the ZooKeeper process in " + dataDir + " did not serve within "
                    + START_TIMEOUT_SECONDS + " s; see " + errors, e);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new ProviderException("cannot read the ZooKeeper process's output: " + e.getCause(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while starting ZooKeeper in " + dataDir, e);
        } catch (ProviderException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static List<String> command(Path dataDir) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xmx2g", "-XX:+UseParallelGC", "-Dzookeeper.4lw.commands.whitelist=mntr,ruok",
                "-cp", System.getProperty("java.class.path"), ZooKeeperProcess.class.getName(),
                dataDir.toAbsolutePath().toString());
    }

    private static String firstLine(InputStream output) {
        try {
            // Not closed: the rest of the output is drained once the line is read.
            return new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads and drops whatever else the child prints, so that it never blocks on a full pipe. */
    private static void drain(InputStream output) {
        Thread drainer = new Thread(() -> {
            try (output) {
                output.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the child ended
            }
        }, "zookeeper-process-output");
        drainer.setDaemon(true);
        drainer.start();
    }

    private static String exitOf(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "none yet";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public String connectString() {
        return connectString;
    }

    /** From {@code mntr}, over a connection of its own. */
    @Override
    public ZooKeeperCounters.Snapshot counters() {
        return ZooKeeperCounters.mntr(connectString);
    }

    /** From {@code mntr}, without the connection that asks. */
    @Override
    public int connections() {
        return (int) counters().get("num_alive_connections") - 1;
    }

    @Override
    public OptionalLong residentBytes() {
        long bytes = JvmFootprint.rssBytesOf(process.pid());
        return bytes < 0 ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Closes the child's standard input and waits for it to end; kills it after 10 s. Idempotent. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The child: serves from the directory {@code args[0]} until its standard input ends.
     * Not for direct use.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ZooKeeperProcess DATA_DIR");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        AgentLogging.configure(dataDir, "zookeeper");
        try (InProcessZooKeeper server = InProcessZooKeeper.start(dataDir)) {
            System.out.println(SERVING + server.connectString());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream()); // returns when the parent closes it or ends
        }
        System.exit(0);
    }
}
