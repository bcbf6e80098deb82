package org.juju.agents.hook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.juju.state.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hook.pid} beside the charm directory: the pid and start time of the hook process running
 * now, present only while a hook runs. An agent killed during a hook leaves its hook running (it is
 * reparented, not killed); the restarted agent finds it here and ends it, with what it started,
 * before it reports the hook failed, so that a retry never runs beside it (hooks of a unit run one
 * at a time). The start time guards against a reused pid.
 */
public final class HookProcessFile {
    /** The file's name in the unit directory. */
    public static final String FILE = "hook.pid";
    private static final Logger LOG = LoggerFactory.getLogger(HookProcessFile.class);
    /** How long a leftover hook's processes get between SIGTERM and SIGKILL. */
    private static final long KILL_GRACE_MILLIS = 2000;

    private HookProcessFile() {
    }

    /** Records {@code hook} (just started) in {@code file}; a failure is logged, not fatal. */
    static void record(Path file, ProcessHandle hook) {
        long started = hook.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        try {
            AtomicFiles.writeString(file, hook.pid() + " " + started + "\n");
        } catch (IOException e) {
            LOG.warn("cannot record the hook's pid in {}: {}", file, e.toString());
        }
    }

    /** Removes {@code file} once the hook it names has exited. */
    static void clear(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", file, e.toString());
        }
    }

    /**
     * Ends the hook recorded in {@code unitDir}, if it still runs, with its descendants (SIGTERM,
     * then SIGKILL after a grace period), and removes the record.
     *
     * @return true if a leftover hook was found running and ended
     */
    public static boolean endLeftover(Path unitDir) {
        Path file = unitDir.resolve(FILE);
        Optional<ProcessHandle> leftover = read(file);
        leftover.ifPresent(hook -> {
            LOG.warn("ending hook process {} left running by an earlier run of this agent", hook.pid());
            ProcessTrees.kill(hook, KILL_GRACE_MILLIS);
        });
        clear(file);
        return leftover.isPresent();
    }

    private static Optional<ProcessHandle> read(Path file) {
        try {
            String[] fields = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
            long pid = Long.parseLong(fields[0]);
            long started = Long.parseLong(fields[1]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == started);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
