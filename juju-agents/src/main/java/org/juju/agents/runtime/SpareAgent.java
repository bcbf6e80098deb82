package org.juju.agents.runtime;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.juju.state.error.InvalidInputException;

/**
 * The waiting side of a spare agent JVM: a JVM started ahead of need, which warms up (initialises
 * the classes every agent uses: logging, the ZooKeeper client's TLS defaults, Curator, YAML, the
 * agents' loops) and then waits for its assignment, one line holding the agent's arguments
 * separated by tabs (e.g. {@code unit\t--name\tmysql/0\t--zookeeper\t…\t--dir\t…}). It then runs
 * as that agent. Two kinds:
 * <pre>
 * AgentMain spare [--dir DIR] [--idle-seconds N]
 *     a spare unit agent, started by a machine agent: the assignment comes on stdin; end of stdin
 *     (the parent went away) or no assignment within N seconds (default 60, 0: no limit) ends it;
 *     DIR only names, in ps, whose spare it is
 * AgentMain spare-machine --assignment-file FILE
 *     a spare machine's agent, started by a provider before the machine is needed: the assignment
 *     is FILE (relative to the working directory, which the provider may rename to the machine's
 *     directory before it writes FILE atomically); it waits as long as it takes, and a restarted
 *     JVM finds FILE at once
 * </pre>
 */
public final class SpareAgent {
    /** The first argument that makes {@code AgentMain} a spare unit agent. */
    public static final String KIND = "spare";
    /** The first argument that makes {@code AgentMain} a spare machine's agent. */
    public static final String MACHINE_KIND = "spare-machine";
    /** How long a spare unit agent waits for an assignment before it exits, by default. */
    public static final Duration IDLE = Duration.ofSeconds(60);
    /** How often a spare machine's agent looks for its assignment file. */
    static final Duration FILE_POLL = Duration.ofMillis(10);
    private static final List<String> WARM_UP = List.of(
            "org.apache.zookeeper.client.ZKClientConfig",
            "org.apache.zookeeper.common.X509Util",
            "org.apache.curator.framework.CuratorFrameworkFactory",
            "org.apache.curator.framework.imps.CuratorFrameworkImpl",
            "org.apache.curator.framework.recipes.cache.CuratorCache",
            "org.yaml.snakeyaml.Yaml",
            "org.juju.agents.machine.MachineAgentLoop",
            "org.juju.agents.machine.Deployer",
            "org.juju.agents.machine.BundleFetcher",
            "org.juju.agents.unit.UnitAgentLoop",
            "org.juju.agents.unit.UnitRunner",
            "org.juju.agents.hook.ToolServer",
            "org.juju.agents.hook.HookRunner",
            "org.juju.state.JujuState");

    private SpareAgent() {
    }

    /**
     * The options of a spare, after its kind.
     *
     * @param machine        true for {@code spare-machine}
     * @param assignmentFile where a spare machine's assignment appears (empty for a unit spare)
     * @param idle           how long a unit spare waits; {@link Duration#ZERO}: no limit
     */
    public record Options(boolean machine, Optional<Path> assignmentFile, Duration idle) {
        /** True if {@code args} (a whole agent command line) start a spare of either kind. */
        public static boolean isSpare(List<String> args) {
            return !args.isEmpty() && (args.get(0).equals(KIND) || args.get(0).equals(MACHINE_KIND));
        }

        /**
         * Parses a spare's command line (its kind first).
         *
         * @throws InvalidInputException for an unknown or repeated option, a missing value, a
         *                               negative idle time, or a spare machine without its file
         */
        public static Options parse(List<String> args) {
            boolean machine = args.get(0).equals(MACHINE_KIND);
            Optional<Path> file = Optional.empty();
            Duration idle = IDLE;
            boolean idleGiven = false;
            for (int i = 1; i < args.size(); i += 2) {
                String option = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new InvalidInputException("option " + option + " needs a value");
                }
                String value = args.get(i + 1);
                if (option.equals("--dir") && !machine) {
                    continue;
                } else if (option.equals("--idle-seconds") && !machine && !idleGiven) {
                    idle = Duration.ofSeconds(seconds(value));
                    idleGiven = true;
                } else if (option.equals("--assignment-file") && machine && file.isEmpty()) {
                    file = Optional.of(Path.of(value));
                } else {
                    throw new InvalidInputException("unknown or repeated option " + option + " for " + args.get(0));
                }
            }
            if (machine && file.isEmpty()) {
                throw new InvalidInputException(MACHINE_KIND + " needs --assignment-file FILE");
            }
            return new Options(machine, file, idle);
        }

        private static long seconds(String value) {
            try {
                long seconds = Long.parseLong(value);
                if (seconds >= 0) {
                    return seconds;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidInputException("invalid --idle-seconds '" + value + "' (expected 0 or more)");
        }
    }

    /** The assignment line for {@code arguments}: the arguments joined by tabs. */
    public static String assignment(List<String> arguments) {
        if (arguments.stream().anyMatch(a -> a.indexOf('\t') >= 0 || a.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("agent arguments must not contain tabs or newlines: " + arguments);
        }
        return String.join("\t", arguments) + "\n";
    }

    /**
     * Warms up, then waits up to {@code idle} ({@link Duration#ZERO}: as long as {@code in} is
     * open) for the assignment on {@code in}.
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
            String text = idle.isZero() ? line.get() : line.get(idle.toMillis(), TimeUnit.MILLISECONDS);
            return arguments(text);
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
     * Warms up, then waits, with no time limit, until {@code file} exists, and reads the assignment
     * from it. The file must be written atomically (complete when it appears).
     *
     * @return the agent's arguments, or empty if the file is empty or cannot be read
     */
    public static Optional<List<String>> awaitAssignmentFile(Path file) throws InterruptedException {
        warmUp();
        while (!Files.exists(file)) {
            Thread.sleep(FILE_POLL.toMillis());
        }
        try {
            return arguments(Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse(null));
        } catch (IOException e) {
            System.err.println("agent: cannot read " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<List<String>> arguments(String line) {
        if (line == null || line.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.asList(line.split("\t", -1)));
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
