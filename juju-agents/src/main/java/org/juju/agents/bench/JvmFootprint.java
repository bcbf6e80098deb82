package org.juju.agents.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The memory and threads of this JVM at one moment, for "memory per simulated unit": measure
 * before and after starting N units and divide the difference by N ({@link #perUnit}).
 *
 * @param heapUsedBytes heap in use right after a requested full GC ({@code System.gc()} is a
 *     request: with {@code -XX:+DisableExplicitGC} this includes garbage)
 * @param liveThreads live threads, daemon or not
 * @param rssBytes resident set size from this process's {@code /proc/PID/status} (VmRSS), -1 where there is no
 *     /proc; it includes the JIT, metaspace, thread stacks and heap the GC has not returned
 */
public record JvmFootprint(long heapUsedBytes, int liveThreads, long rssBytes) {

    /** Requests a full GC, then reads heap, threads and RSS. */
    public static JvmFootprint measure() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        return new JvmFootprint(heap, threads, rssBytesOf(ProcessHandle.current().pid()));
    }

    /**
     * The resident set size of process {@code pid} in bytes, -1 when it is unknown (no such
     * process, no /proc).
     */
    public static long rssBytesOf(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            return Files.isReadable(status) ? rssBytes(status) : -1;
        } catch (UncheckedIOException e) {
            return -1; // the process ended meanwhile
        }
    }

    /** VmRSS of a {@code /proc/PID/status} file in bytes, -1 when the file has no VmRSS line. */
    static long rssBytes(Path procStatus) {
        try {
            for (String line : Files.readAllLines(procStatus)) {
                if (line.startsWith("VmRSS:")) {
                    String kilobytes = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                    return Long.parseLong(kilobytes) * 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + procStatus, e);
        }
    }

    /**
     * What each of {@code units} cost between {@code before} and this footprint: heap and RSS
     * bytes per unit, threads per unit (as a fraction). RSS stays -1 if either side has none.
     */
    public Map<String, Object> perUnit(JvmFootprint before, int units) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("heapBytesPerUnit", (heapUsedBytes - before.heapUsedBytes) / Math.max(units, 1));
        data.put("threadsPerUnit", (double) (liveThreads - before.liveThreads) / Math.max(units, 1));
        data.put("rssBytesPerUnit", rssBytes < 0 || before.rssBytes < 0 ? -1 : (rssBytes - before.rssBytes) / Math.max(units, 1));
        return data;
    }

    /** Plain data for JSON. */
    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("heapUsedBytes", heapUsedBytes);
        data.put("liveThreads", liveThreads);
        data.put("rssBytes", rssBytes);
        return data;
    }
}
