package org.juju.agents.charmkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes a simulated unit's hooks left running (daemons they started, detached or not):
 * every process whose environment carries the unit's {@code JUJU_AGENT_SOCKET}, found through
 * {@code /proc}. A process that cleared its environment, or runs as a user whose {@code /proc}
 * entries this one cannot read, is not found.
 */
final class LeftoverProcesses {
    private static final Path PROC = Path.of("/proc");

    private LeftoverProcesses() {
    }

    /** The pids of the processes whose environment has {@code JUJU_AGENT_SOCKET=socket}. */
    static List<Long> of(Path socket) {
        byte[] marker = ("JUJU_AGENT_SOCKET=" + socket + "\0").getBytes(StandardCharsets.UTF_8);
        List<Long> pids = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid != self && contains(read(entry.resolve("environ")), marker)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }

    /**
     * Sends SIGTERM to each process left by the unit whose socket is {@code socket}, then SIGKILL
     * to those still there after {@code graceMillis}.
     *
     * @return how many processes were found
     */
    static int kill(Path socket, long graceMillis) {
        List<ProcessHandle> found = of(socket).stream().map(ProcessHandle::of)
                .flatMap(java.util.Optional::stream).toList();
        found.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        for (ProcessHandle process : found) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    process.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                // still running: killed below
            }
        }
        found.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return found.size();
    }

    private static byte[] read(Path environ) {
        try {
            return Files.readAllBytes(environ);
        } catch (IOException | SecurityException e) {
            return new byte[0];
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
