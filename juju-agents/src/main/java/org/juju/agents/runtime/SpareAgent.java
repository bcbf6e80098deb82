package org.juju.agents.runtime;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The waiting side of a spare agent JVM ({@code AgentMain spare [--dir DIR]}, the directory only
 * naming, in {@code ps}, whose spare it is): a JVM started ahead of need,
 * which warms up (initialises the classes every agent uses: logging, the ZooKeeper client's TLS
 * defaults, Curator, YAML) and then waits for its assignment, one line on stdin holding the agent's
 * arguments separated by tabs (e.g. {@code unit\t--name\tmysql/0\t--zookeeper\t…\t--dir\t…}). It
 * then runs as that agent. Its parent starts it so that a new unit's agent does not pay for a JVM
 * start. End of stdin (the parent went away) or no assignment within the idle time ends it.
 */
public final class SpareAgent {
    /** The first argument that makes {@code AgentMain} a spare. */
    public static final String KIND = "spare";
    /** How long a spare waits for an assignment before it exits. */
    public static final Duration IDLE = Duration.ofSeconds(60);
    private static final List<String> WARM_UP = List.of(
            "org.apache.zookeeper.client.ZKClientConfig",
            "org.apache.zookeeper.common.X509Util",
            "org.apache.curator.framework.CuratorFrameworkFactory",
            "org.apache.curator.framework.imps.CuratorFrameworkImpl",
            "org.apache.curator.framework.recipes.cache.CuratorCache",
            "org.yaml.snakeyaml.Yaml",
            "org.juju.agents.unit.UnitAgentLoop",
            "org.juju.agents.unit.UnitRunner",
            "org.juju.agents.hook.ToolServer",
            "org.juju.agents.hook.HookRunner",
            "org.juju.state.JujuState");

    private SpareAgent() {
    }

    /** The assignment line for {@code arguments}: the arguments joined by tabs. */
    public static String assignment(List<String> arguments) {
        if (arguments.stream().anyMatch(a -> a.indexOf('\t') >= 0 || a.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("agent arguments must not contain tabs or newlines: " + arguments);
        }
        return String.join("\t", arguments) + "\n";
    }

    /**
     * Warms up, then waits up to {@code idle} for the assignment on {@code in}.
     *
     * @return the agent's arguments, or empty at end of input, on an empty line or after {@code idle}
     */
    public static Optional<List<String>> awaitAssignment(InputStream in, Duration idle) {
        warmUp();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> readLine(in), runnable -> {
            Thread reader = new Thread(runnable, "spare-assignment");
            reader.setDaemon(true);
            reader.start();
        });
        try {
            String text = line.get(idle.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null || text.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(Arrays.asList(text.split("\t", -1)));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Sends this JVM's {@code System.out} and {@code System.err} to {@code file} (appended), as if
     * the agent had been started with its output there.
     */
    public static void redirectOutput(Path file) {
        try {
            PrintStream stream = new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
            System.setOut(stream);
            System.setErr(stream);
        } catch (IOException e) {
            System.err.println("agent: cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Loads and initialises the classes every agent needs; a missing one is only a lost head start. */
    static void warmUp() {
        ClassLoader loader = SpareAgent.class.getClassLoader();
        for (String name : WARM_UP) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // only a lost head start
            }
        }
        try {
            new org.apache.zookeeper.client.ZKClientConfig();
        } catch (RuntimeException | LinkageError e) {
            // only a lost head start
        }
        org.slf4j.LoggerFactory.getILoggerFactory();
    }

    private static String readLine(InputStream in) {
        try {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
