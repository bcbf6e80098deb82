package org.juju.provider.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The processes of one session (as created by {@code setsid}) and their ending. A session's
 * processes are its leader's descendants and, on Linux, every process whose session id is the
 * leader's pid: that includes processes that left the leader's tree (daemons started by hooks,
 * re-parented to init) and those of a session whose leader died.
 */
final class ProcessTree {
    private static final Path PROC = Path.of("/proc");
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final int MAX_ROUNDS = 3;
    private static final long POLL_MILLIS = 20;

    private ProcessTree() {
    }

    /**
     * The live processes of session {@code sid}: its leader (if alive), the leader's descendants and
     * every other process of the session. While any of them lives, no new process can get the pid
     * {@code sid}, so the answer never includes strangers.
     */
    static List<ProcessHandle> session(long sid) {
        Map<Long, ProcessHandle> members = new LinkedHashMap<>();
        ProcessHandle.of(sid).ifPresent(leader -> {
            members.put(leader.pid(), leader);
            leader.descendants().forEach(p -> members.putIfAbsent(p.pid(), p));
        });
        sessionMembers(sid).forEach(p -> members.putIfAbsent(p.pid(), p));
        return members.values().stream().filter(ProcessTree::isRunning).toList();
    }

    /**
     * The live processes of session {@code sid} (see {@link #session}) and every other live process
     * that works in {@code dir}: its working directory is {@code dir} or below it, or its command
     * line names such a path. This catches daemons that charms start in a session of their own
     * ({@code setsid}), which would otherwise outlive their machine.
     */
    static List<ProcessHandle> sessionAndDirectory(long sid, Path dir) {
        Map<Long, ProcessHandle> members = new LinkedHashMap<>();
        session(sid).forEach(p -> members.putIfAbsent(p.pid(), p));
        inDirectory(dir).forEach(p -> members.putIfAbsent(p.pid(), p));
        return List.copyOf(members.values());
    }

    /** Every live process (but this one) that works in {@code dir}; see {@link #sessionAndDirectory}. */
    static List<ProcessHandle> inDirectory(Path dir) {
        Map<Long, ProcessHandle> members = new LinkedHashMap<>();
        ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> worksIn(p, dir) || mentions(p, dir)).filter(ProcessTree::isRunning)
                .forEach(p -> members.putIfAbsent(p.pid(), p));
        return List.copyOf(members.values());
    }

    /** The working directory of {@code process} (Linux /proc), if it can be read. */
    static Optional<Path> workingDirectory(ProcessHandle process) {
        try {
            return Optional.of(PROC.resolve(Long.toString(process.pid())).resolve("cwd").toRealPath());
        } catch (java.io.IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** True if {@code process} names {@code dir} on its command line or works in it (or below). */
    static boolean belongsTo(ProcessHandle process, Path dir) {
        return mentions(process, dir) || worksIn(process, dir);
    }

    /** True if the working directory of {@code process} is {@code dir} or below it (Linux /proc). */
    private static boolean worksIn(ProcessHandle process, Path dir) {
        try {
            return PROC.resolve(Long.toString(process.pid())).resolve("cwd").toRealPath().startsWith(dir.toRealPath());
        } catch (java.io.IOException | SecurityException e) {
            return false;
        }
    }

    /** Every live process whose session id is {@code sid} (empty where /proc cannot tell). */
    static List<ProcessHandle> sessionMembers(long sid) {
        return ProcessHandle.allProcesses()
                .filter(p -> sessionId(p.pid()) == sid)
                .filter(ProcessTree::isRunning)
                .toList();
    }

    /**
     * Ends {@code processes}: SIGTERM, then SIGKILL to those still running after {@code timeout}; then
     * SIGKILL to whatever {@code stragglers} still finds (such as children started meanwhile), up to
     * three times.
     *
     * @return true if in the end {@code stragglers} finds nothing
     */
    static boolean terminate(List<ProcessHandle> processes, Duration timeout, Supplier<List<ProcessHandle>> stragglers) {
        processes.forEach(ProcessHandle::destroy);
        List<ProcessHandle> left = awaitEnd(processes, timeout);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            left.forEach(ProcessHandle::destroyForcibly);
            awaitEnd(left, KILL_WAIT);
            left = stragglers.get();
            if (left.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** True if the process runs (a zombie, dead but not yet reaped, does not). */
    static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && statField(process.pid(), 0).map(state -> !state.equals("Z")).orElse(true);
    }

    /**
     * True if the command line of {@code process} has {@code path}, or a path below it, as one of its
     * words. A command line that cannot be read never matches.
     */
    static boolean mentions(ProcessHandle process, Path path) {
        String exact = path.toString();
        String below = exact + "/";
        return process.info().commandLine()
                .map(line -> java.util.Arrays.stream(line.split(" ")).anyMatch(w -> w.equals(exact) || w.startsWith(below)))
                .orElse(false);
    }

    private static List<ProcessHandle> awaitEnd(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> left = processes.stream().filter(ProcessTree::isRunning).toList();
        while (!left.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = left.stream().filter(ProcessTree::isRunning).toList();
        }
        return left;
    }

    /** The session id of {@code pid}, or -1 if unknown. */
    private static long sessionId(long pid) {
        try {
            return statField(pid, 3).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Field {@code index} of {@code /proc/PID/stat} counted from the state (0: state, 1: ppid,
     * 2: process group, 3: session), read after the command name, which may hold spaces.
     */
    private static Optional<String> statField(long pid, int index) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return index < fields.length ? Optional.of(fields[index]) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
