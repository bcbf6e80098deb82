package org.juju.it;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;

/**
 * A second provisioning agent for a local environment, run like the one {@code bootstrap} starts:
 * a copy of that agent's supervisor script working in a directory of its own
 * ({@code <data-dir>/agents/<name>}), with a copy of its credential and its classpath, in a
 * session of its own. Both then compete for {@code /provisioning-leader}. {@link #close} stops it
 * for good (stop file, then SIGKILL of its supervisor and agent).
 */
final class ExtraProvisioningAgent implements AutoCloseable {
    private final Path dir;

    private ExtraProvisioningAgent(Path dir) {
        this.dir = dir;
    }

    /** Starts a provisioning agent named {@code name} beside the one of {@code dataDir}; returns once it runs. */
    static ExtraProvisioningAgent start(Path dataDir, String name) throws Exception {
        Path original = dataDir.resolve("agents/provisioning");
        Path dir = dataDir.resolve("agents/" + name);
        Files.createDirectories(dir);
        String script = Files.readString(original.resolve("supervisor.sh"))
                .replace(original + "'", dir + "'");
        Files.writeString(dir.resolve("supervisor.sh"), script);
        Files.copy(original.resolve("credential"), dir.resolve("credential"), StandardCopyOption.COPY_ATTRIBUTES);
        ProcessBuilder builder = new ProcessBuilder("setsid", "/bin/sh", dir.resolve("supervisor.sh").toString())
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("provisioning-agent.log").toFile()))
                .redirectErrorStream(true);
        builder.environment().put("CLASSPATH", classpathOf(AgentProcessFaults.pidIn(original.resolve("supervisor.pid")).orElseThrow()));
        builder.start();
        ExtraProvisioningAgent agent = new ExtraProvisioningAgent(dir);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> agent.agent().isPresent()
                && Files.exists(dir.resolve("zookeeper.session")));
        return agent;
    }

    /** The agent's directory. */
    Path dir() {
        return dir;
    }

    /** The agent's JVM, while it runs. */
    Optional<ProcessHandle> agent() {
        return AgentProcessFaults.agentIn(dir);
    }

    /** Stops the agent and its supervisor for good. */
    @Override
    public void close() throws Exception {
        Files.writeString(dir.resolve("stop"), "");
        Optional<ProcessHandle> supervisor = AgentProcessFaults.pidIn(dir.resolve("supervisor.pid")).flatMap(ProcessHandle::of);
        if (supervisor.isPresent()) {
            AgentProcessFaults.kill(supervisor.get());
        }
        Optional<ProcessHandle> agent = agent();
        if (agent.isPresent()) {
            AgentProcessFaults.kill(agent.get());
        }
    }

    /** The {@code CLASSPATH} in the environment of process {@code pid}. */
    private static String classpathOf(long pid) throws Exception {
        String environment = Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.UTF_8);
        for (String entry : environment.split("\0")) {
            if (entry.startsWith("CLASSPATH=")) {
                return entry.substring("CLASSPATH=".length());
            }
        }
        throw new AssertionError("process " + pid + " has no CLASSPATH");
    }
}
