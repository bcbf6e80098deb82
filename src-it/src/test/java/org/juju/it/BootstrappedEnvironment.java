package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.juju.it.JujuProcess.Result;
import org.juju.state.JujuState;
import org.juju.state.io.FileTrees;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension giving each test a local environment with process machines, bootstrapped
 * through the real {@code bin/juju} in a {@code JUJU_HOME} of its own, and a state connection of the
 * test's own. After each test it runs {@code destroy-environment}, checks that no process of the
 * environment is left, and deletes the home. Register it with {@code @RegisterExtension}.
 */
final class BootstrappedEnvironment implements BeforeEachCallback, AfterEachCallback {
    /** How many last lines of each agent log a failed test prints. */
    private static final int TAIL_LINES = 15;
    private final String container;
    private final String extraConfig;
    private Path home;
    private JujuProcess juju;
    private CuratorFramework client;
    private JujuState state;

    private BootstrappedEnvironment(String container, String extraConfig) {
        this.container = container;
        this.extraConfig = extraConfig;
    }

    /**
     * An environment {@code local} (data in {@code home/data}) of process machines with
     * {@code extraConfig}: more keys, each on a line of its own indented by four spaces.
     */
    static BootstrappedEnvironment local(String extraConfig) {
        return new BootstrappedEnvironment("process", extraConfig);
    }

    /**
     * Like {@link #local}, with LXC containers as machines; after each test it also checks that no
     * container of the environment and no bridge is left.
     */
    static BootstrappedEnvironment lxc(String extraConfig) {
        return new BootstrappedEnvironment("lxc", extraConfig);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        home = Files.createTempDirectory("juju-it");
        Files.writeString(home.resolve("environments.yaml"), """
                environments:
                  local:
                    type: local
                    data-dir: %s
                    admin-secret: s3cret
                    container: %s
                %s""".formatted(dataDir(), container, extraConfig));
        juju = new JujuProcess(home);
        check(juju.run("bootstrap"));
        String address = Files.readString(dataDir().resolve("zookeeper.address")).trim();
        client = AdminClient.connect(address, "s3cret", Duration.ofSeconds(10));
        state = AdminClient.state(client);
    }

    /** Destroys the environment, asserts that none of its processes is left, and deletes the home. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (home == null) {
            return;
        }
        try {
            if (context.getExecutionException().isPresent()) {
                keepLogs(context);
            }
            if (client != null) {
                client.close();
            }
            String bridge = container.equals("lxc") && Files.exists(dataDir().resolve("network.properties"))
                    ? java.util.Objects.requireNonNullElse(properties(dataDir().resolve("network.properties"))
                    .getProperty("bridge"), "") : "";
            if (juju != null) {
                juju.run("destroy-environment", "-y");
            }
            if (container.equals("lxc")) {
                assertThat(Lxc.containers()).as("destroy-environment leaves no container of the environment")
                        .noneMatch(name -> name.startsWith("juju-local-"));
                assertThat(bridge.isEmpty() || !Lxc.linkExists(bridge)).as("and removes the bridge " + bridge).isTrue();
            }
            assertThat(ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains(home.toString())).orElse(false)).toList())
                    .as("destroy-environment leaves no process of the environment").isEmpty();
        } finally {
            FileTrees.deleteQuietly(home, true);
        }
    }

    /**
     * Copies every log of the failed test's environment (agents, hooks, ZooKeeper, supervisors)
     * into {@code target/it-logs/CLASS.METHOD/}, before {@code destroy-environment} deletes them.
     */
    private void keepLogs(ExtensionContext context) {
        Path kept = Path.of("target", "it-logs", context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName());
        try (java.util.stream.Stream<Path> files = Files.walk(home)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log") && Files.isRegularFile(f)).toList()) {
                Path copy = kept.resolve(home.relativize(log).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(log, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                printTail(home.relativize(log), log);
            }
            System.err.println("logs of the failed test's environment kept in " + kept.toAbsolutePath());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            System.err.println("could not keep the logs of the failed test's environment: " + e);
        }
    }

    /** Prints the last lines of an agent's log to stderr, so a failure in CI shows them in the test's report. */
    private static void printTail(Path name, Path log) throws java.io.IOException {
        if (!name.getFileName().toString().equals("agent.log")) {
            return;
        }
        List<String> lines = new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        System.err.println("---- last lines of " + name + " ----");
        lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()).forEach(System.err::println);
    }

    private static java.util.Properties properties(Path file) throws java.io.IOException {
        java.util.Properties properties = new java.util.Properties();
        try (java.io.Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    /** Runs {@code juju args...}, asserting it succeeded. */
    Result ok(String... args) throws Exception {
        return check(juju.run(args));
    }

    private static Result check(Result result) {
        assertThat(result.code()).as(result.toString()).isZero();
        return result;
    }

    /** The test's {@code JUJU_HOME}, also a place for its own files. */
    Path home() {
        return home;
    }

    JujuProcess juju() {
        return juju;
    }

    /** The test's own ZooKeeper client. */
    CuratorFramework client() {
        return client;
    }

    JujuState state() {
        return state;
    }

    /** The bridge of an LXC environment, as kept in its data directory. */
    String bridge() throws java.io.IOException {
        return properties(dataDir().resolve("network.properties")).getProperty("bridge");
    }

    /** Where the environment's ZooKeeper listens. */
    String address() throws java.io.IOException {
        return Files.readString(dataDir().resolve("zookeeper.address")).trim();
    }

    Path dataDir() {
        return home.resolve("data");
    }
}
