package org.juju.provider.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.juju.state.error.ProviderException;

/**
 * What the clients of the environment's supervised daemons ({@link CharmStorageProcess},
 * {@link AptCache}) share: starting the supervisor unless it runs, after preparing the daemon's
 * files, and waiting until the daemon serves.
 */
final class SupervisedDaemons {
    private static final long POLL_MILLIS = 25;

    private SupervisedDaemons() {
    }

    /**
     * Makes sure the supervisor of {@code daemon} runs: unless it does, runs {@code prepare} (say,
     * deleting a dead daemon's address file) and launches it, all under {@code lockFile} (the agents'
     * lock, which {@link SupervisedAgents#start} takes too), so nobody starts the daemon in between.
     *
     * @return true if this call launched the supervisor
     * @throws ProviderException if {@code prepare} fails or the supervisor cannot be started
     */
    static boolean start(SupervisedAgents agents, Path lockFile, SupervisedAgent daemon, Runnable prepare) {
        return FileMutex.withLock(lockFile, () -> {
            if (SupervisedAgents.running(daemon.dir()).isEmpty()) {
                prepare.run();
            }
            return agents.start(daemon).launched();
        });
    }

    /**
     * Polls {@code serving} until it finds where {@code daemon} serves.
     *
     * @param name         what the daemon is in messages, e.g. "charm storage"
     * @param outputOffset the size of the daemon's output file before it was started, from where a
     *                     failure's telling line is looked for
     * @return what {@code serving} found
     * @throws ProviderException if the supervisor is gone or nothing is found within {@code timeout};
     *                           the message ends with the output's telling line
     */
    static <T> T awaitServing(String name, SupervisedAgent daemon, long outputOffset, Duration timeout,
            Supplier<Optional<T>> serving) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = serving.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (SupervisedAgents.running(daemon.dir()).isEmpty()) {
                throw LogTail.failure("the supervisor of the " + name + " exited", daemon.output(), outputOffset);
            }
            if (System.nanoTime() - deadline > 0) {
                throw LogTail.failure("the " + name + " did not serve within " + ZooKeeperProcess.describe(timeout),
                        daemon.output(), outputOffset);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException("interrupted while waiting for the " + name);
            }
        }
    }
}
