package org.juju.provider.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.juju.state.error.ProviderException;
import org.juju.state.io.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, finds and stops {@link SupervisedAgent}s: each a {@link SupervisorScript} launched
 * detached from the caller (stdin {@code /dev/null}, output appended to the agent's output file,
 * and a session of its own through {@code setsid}), so it outlives the JVM that started it. The
 * session groups every process of the agent: the script, the agent JVM and whatever that starts.
 * A pid read from a pid file is only trusted after the process's command line proved it to run
 * that directory's script. Starts and stops hold a lock file, so concurrent callers (in this JVM or
 * another) never start two supervisors for one directory.
 */
final class SupervisedAgents {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisedAgents.class);

    private final String classpath;
    private final Path lockFile;

    /**
     * @param classpath the agents' classpath (juju-agents and its dependencies)
     * @param lockFile  the lock file serializing starts and stops
     */
    SupervisedAgents(String classpath, Path lockFile) {
        this.classpath = Objects.requireNonNull(classpath, "classpath");
        this.lockFile = Objects.requireNonNull(lockFile, "lockFile");
    }

    /** The outcome of {@link #start}: the supervisor, and whether this call started it. */
    record Started(ProcessHandle supervisor, boolean launched) {
    }

    /**
     * Makes sure a supervisor runs {@code agent}: returns the live one, or ends what is left of a
     * dead one (its agent may have survived it) and launches a new one, waiting until it has recorded
     * its pid. Does not wait for the agent to connect anywhere.
     *
     * @throws ProviderException if the directory cannot be prepared or the supervisor does not start
     */
    Started start(SupervisedAgent agent) {
        return start(agent, dir -> { });
    }

    /**
     * Like {@link #start(SupervisedAgent)}, first handing the agent's directory to {@code prepare}
     * under the lock, whether the agent runs already or not (for files the agent reads when it
     * starts, such as its credential; the directory may not exist yet).
     *
     * @throws ProviderException if {@code prepare} throws it, or as {@link #start(SupervisedAgent)}
     */
    Started start(SupervisedAgent agent, Consumer<Path> prepare) {
        return FileMutex.withLock(lockFile, () -> {
            prepare.accept(agent.dir());
            Optional<ProcessHandle> live = running(agent.dir());
            if (live.isPresent()) {
                return new Started(live.get(), false);
            }
            session(agent.dir()).ifPresent(sid -> {
                List<ProcessHandle> leftovers = ProcessTree.session(sid);
                LOG.info("ending {} process(es) left by the dead supervisor of the {}", leftovers.size(),
                        agent.description());
                ProcessTree.terminate(leftovers, Duration.ofSeconds(5), () -> ProcessTree.session(sid));
            });
            return new Started(SupervisorLauncher.launch(agent, classpath), true);
        });
    }

    /** The live supervisor of {@code dir}, if its pid file names one. */
    static Optional<ProcessHandle> running(Path dir) {
        return recordedPid(dir)
                .flatMap(ProcessHandle::of)
                .filter(ProcessTree::isRunning)
                .filter(process -> process.info().arguments().map(List::of)
                        .or(() -> process.info().commandLine().map(line -> List.of(line.split(" "))))
                        .map(arguments -> SupervisorScript.runs(arguments, dir, ProcessTree.workingDirectory(process)))
                        .orElse(false));
    }

    /**
     * Stops the agent of {@code dir} for good: creates its stop file, then ends every process of its
     * session (SIGTERM, and SIGKILL after {@code timeout}). Leaves the directory in place.
     *
     * @return true if something was running
     * @throws ProviderException if a process survives SIGKILL
     */
    boolean stop(Path dir, Duration timeout) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        return FileMutex.withLock(lockFile, () -> {
            try {
                Files.createFile(dir.resolve(SupervisorScript.STOP_FILE));
            } catch (FileAlreadyExistsException e) {
                // asked before
            } catch (IOException e) {
                LOG.warn("cannot create the stop file in {}: {}", dir, e.toString());
            }
            Optional<Long> session = session(dir);
            // A supervisor may be gone (ended with the agent that started it) while processes that
            // work in its directory, such as daemons a charm started, are still running.
            java.util.function.Supplier<List<ProcessHandle>> members = () -> session
                    .map(sid -> ProcessTree.sessionAndDirectory(sid, dir)).orElseGet(() -> ProcessTree.inDirectory(dir));
            List<ProcessHandle> running = members.get();
            if (running.isEmpty()) {
                return false;
            }
            if (!ProcessTree.terminate(running, timeout, members)) {
                throw new ProviderException("processes of " + dir + " survived SIGKILL: "
                        + members.get().stream().map(p -> Long.toString(p.pid())).toList());
            }
            try {
                Files.deleteIfExists(dir.resolve(SupervisorScript.PID_FILE));
            } catch (IOException e) {
                LOG.warn("cannot remove the pid file in {}: {}", dir, e.toString());
            }
            return true;
        });
    }

    /**
     * Like {@link #stop}, and then deletes {@code dir}, all under the lock (so that a concurrent
     * start either comes before, and is stopped, or after, and starts afresh).
     *
     * @return true if something was running
     * @throws ProviderException if a process survives SIGKILL or the directory cannot be deleted
     */
    boolean remove(Path dir, Duration timeout) {
        if (!Files.exists(dir)) {
            return false;
        }
        return FileMutex.withLock(lockFile, () -> {
            boolean wasRunning = stop(dir, timeout);
            try {
                FileTrees.delete(dir, true);
            } catch (IOException e) {
                throw new ProviderException("cannot remove " + dir + ": " + e.getMessage(), e);
            }
            return wasRunning;
        });
    }

    /**
     * Renames the directory {@code from}, whose supervisor runs, to {@code to}, hands {@code to} to
     * {@code prepare} (files the agent reads once it is assigned, such as its credential), and then
     * writes {@code file} in it atomically with {@code content}, all under the lock: how a spare
     * agent, waiting for that file, is taken over as the agent of {@code to} (see
     * {@link SupervisorScript}, which works with relative paths for this). Does nothing unless
     * {@code from}'s supervisor runs and {@code to} does not exist.
     *
     * @return the supervisor, now {@code to}'s; empty if nothing was taken over (also when
     *         {@code prepare} fails: the directory is renamed back to {@code from}, its agent still
     *         waiting)
     * @throws ProviderException if the directory was renamed and prepared but the file cannot be
     *                           written, or {@code prepare} failed and the directory cannot be
     *                           renamed back
     */
    Optional<ProcessHandle> takeOver(Path from, Path to, Consumer<Path> prepare, String file, String content) {
        return FileMutex.withLock(lockFile, () -> {
            if (Files.exists(to) || running(from).isEmpty()) {
                return Optional.<ProcessHandle>empty();
            }
            try {
                Files.createDirectories(to.getParent());
                Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                LOG.warn("cannot rename {} to {}: {}", from, to, e.toString());
                return Optional.<ProcessHandle>empty();
            }
            try {
                prepare.accept(to);
            } catch (RuntimeException e) {
                try {
                    Files.move(to, from, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException back) {
                    e.addSuppressed(back);
                    throw e;
                }
                LOG.warn("cannot prepare {} to take over {}, left as it was: {}", to, from.getFileName(), e.getMessage());
                return Optional.<ProcessHandle>empty();
            }
            try {
                DataDirLayout.writeAtomically(to.resolve(file), content);
            } catch (IOException e) {
                throw new ProviderException("cannot write " + to.resolve(file) + ": " + e.getMessage(), e);
            }
            return running(to);
        });
    }

    /**
     * The session of {@code dir}'s agent: the live supervisor's, or a dead supervisor's whose session
     * still has a process naming the directory on its command line or working in it (the agent that
     * outlived it).
     */
    private static Optional<Long> session(Path dir) {
        Optional<ProcessHandle> supervisor = running(dir);
        if (supervisor.isPresent()) {
            return Optional.of(supervisor.get().pid());
        }
        return recordedPid(dir).filter(sid -> ProcessTree.sessionMembers(sid).stream()
                .anyMatch(process -> ProcessTree.belongsTo(process, dir)));
    }

    private static Optional<Long> recordedPid(Path dir) {
        return DataDirLayout.readSmall(dir.resolve(SupervisorScript.PID_FILE)).flatMap(text -> {
            try {
                return Optional.of(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
