package org.juju.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;

/**
 * The faults the end-to-end fault tests inject into agent processes: SIGKILL of an agent found
 * through the {@code agent.pid} file of its directory, and expiry of its ZooKeeper session by
 * attaching to it with the id and password the agent records in {@code zookeeper.session} and
 * closing it (what Curator's {@code KillSession} does).
 */
final class AgentProcessFaults {
    private static final String AGENT_MAIN = "org.juju.agents.AgentMain";

    private AgentProcessFaults() {
    }

    /** The live agent process recorded in {@code dir/agent.pid}, if any. */
    static Optional<ProcessHandle> agentIn(Path dir) {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve("agent.pid"), StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(AGENT_MAIN)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The pid in {@code file} (a pid file), if it holds one. */
    static Optional<Long> pidIn(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Sends SIGKILL to {@code process} and waits until it is gone. */
    static void kill(ProcessHandle process) throws Exception {
        process.destroyForcibly();
        process.onExit().get(10, TimeUnit.SECONDS);
    }

    /** Every live process whose command line contains all of {@code fragments}. */
    static List<ProcessHandle> processesWith(String... fragments) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> List.of(fragments).stream().allMatch(c::contains)).orElse(false)).toList();
    }

    /** The session id the agent of {@code dir} recorded last, if any. */
    static Optional<Long> sessionOf(Path dir) {
        try {
            String[] lines = Files.readString(dir.resolve("zookeeper.session"), StandardCharsets.US_ASCII).trim().split("\n");
            return Optional.of(HexFormat.fromHexDigitsToLong(lines[0].trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Expires the ZooKeeper session the agent of {@code dir} recorded: attaches to it and closes it,
     * which removes the agent's ephemeral nodes; the agent sees its session expired.
     *
     * @return the id of the session closed
     */
    static long expireSession(Path dir, String address) throws Exception {
        String[] lines = Files.readString(dir.resolve("zookeeper.session"), StandardCharsets.US_ASCII).trim().split("\n");
        long id = HexFormat.fromHexDigitsToLong(lines[0].trim());
        byte[] password = Base64.getDecoder().decode(lines[1].trim());
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zooKeeper = new ZooKeeper(address, 10_000, event -> {
            if (event.getState() == KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, id, password);
        try {
            if (!connected.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("could not attach to session 0x" + Long.toHexString(id));
            }
        } finally {
            zooKeeper.close();
        }
        return id;
    }
}
