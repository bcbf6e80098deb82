package org.juju.agents.simulated;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.juju.agents.bench.ZooKeeperCounters;
import org.juju.state.error.InvalidInputException;

/**
 * The ZooKeeper server of a simulated environment, wherever it runs: in the JVM of the agents
 * ({@link InProcessZooKeeper}) or in a process of its own ({@link ZooKeeperProcess}), as a real
 * environment's server does. Either listens on 127.0.0.1 only and admits any number of connections
 * from it.
 */
public interface SimulatedZooKeeper extends AutoCloseable {
    /** Where the server runs. */
    enum Mode {
        /** In the JVM that starts it: its sockets and threads count against that JVM's limits. */
        IN_PROCESS("in-process"),
        /** In a JVM of its own, ended with the one that starts it. */
        PROCESS("process");

        private final String word;

        Mode(String word) {
            this.word = word;
        }

        /** The word of this mode in a configuration and on a command line. */
        public String word() {
            return word;
        }

        /**
         * The mode named {@code word}.
         *
         * @throws InvalidInputException naming the words allowed, for any other word
         */
        public static Mode of(String word) {
            for (Mode mode : values()) {
                if (mode.word.equals(word)) {
                    return mode;
                }
            }
            throw new InvalidInputException("zookeeper must be in-process or process, not: " + word);
        }
    }

    /**
     * Starts a server of {@code mode} keeping its data in {@code dataDir} (created if needed).
     *
     * @throws org.juju.state.error.ProviderException if it cannot be started
     */
    static SimulatedZooKeeper start(Mode mode, Path dataDir) {
        return mode == Mode.PROCESS ? ZooKeeperProcess.start(dataDir) : InProcessZooKeeper.start(dataDir);
    }

    /** The connect string, {@code 127.0.0.1:PORT}. */
    String connectString();

    /** The server's counters now, with the keys of {@code mntr} ({@link ZooKeeperCounters.Snapshot}). */
    ZooKeeperCounters.Snapshot counters();

    /** The number of client connections open now. */
    int connections();

    /**
     * The resident memory of the server's own process, in bytes; empty when it shares its
     * process with the caller (its memory is then part of that process's).
     */
    OptionalLong residentBytes();

    /** Stops the server. Idempotent. */
    @Override
    void close();
}
