package org.juju.agents.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many units one JVM holds: deploys {@code -Dsimulated.units=N} units of the no-op charm and
 * prints the time to all started, the agents, and the threads, open files and heap (after a GC) per unit, and the threads again once the agents are idle. Runs only
 * when the property is given (it is a measurement, not a test):
 * {@code mvn -o -q test -pl juju-agents -am -Dtest=SimulatedScaleProbe -Dsimulated.units=100 [-Dsimulated.unitsPerMachine=10]
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "simulated.units", matches = "\\d+")
class SimulatedScaleProbe {
    @TempDir
    Path dir;

    @Test
    void measure() {
        int units = Integer.getInteger("simulated.units");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long filesBefore = openFiles();
        int perMachine = Integer.getInteger("simulated.unitsPerMachine", 10);
        try (SimulatedEnvironment env = SimulatedEnvironment.start(dir.resolve("env"), "simulated",
                new org.juju.state.PlacementPolicy(perMachine))) {
            long start = System.nanoTime();
            env.deploy(SimulatedEnvironmentTest.NOOP_REPOSITORY, "local:bookworm/noop", "noop", units);
            assertThat(env.awaitAllStarted(Duration.ofMinutes(30))).isTrue();
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            System.gc();
            long heap = memory.getHeapMemoryUsage().getUsed() - heapBefore;
            int threads = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
            long files = openFiles() - filesBefore;
            System.out.printf("SIMULATED units=%d deploy->all-started=%d ms agents=%d sessions=%d threads=%d"
                            + " (%.1f/unit) files=%d (%.1f/unit) heap=%d MB (%.0f KB/unit) rss=%d MB%n",
                    units, millis, env.liveAgents(), env.zooKeeper().connections(), threads,
                    threads / (double) units, files, files / (double) units, heap >> 20, heap / 1024.0 / units,
                    rssMegabytes());
            printCpuByThreadKind();
            settle();
            System.out.printf("SIMULATED settled (15 s later): threads=%.1f/unit%n",
                    (ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore) / (double) units);
            Thread.getAllStackTraces().keySet().stream()
                    .collect(java.util.stream.Collectors.groupingBy(t -> t.getName().replaceAll("[-_ ]?\\d+|/.*|\\(.*", ""),
                            java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                    .forEach((name, count) -> System.out.printf("SIMULATED threads %6d %s%n", count, name));
        }
    }

    /** The CPU time the live threads used, summed by thread kind (the name without numbers), largest first. */
    private static void printCpuByThreadKind() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> byKind = new java.util.HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            long nanos = threads.getThreadCpuTime(thread.getId());
            if (nanos > 0) {
                byKind.merge(thread.getName().replaceAll("[-_ ]?\\d+|/.*|\\(.*", ""), nanos, Long::sum);
            }
        }
        byKind.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(e -> System.out.printf("SIMULATED cpu %8.1f s %s%n", e.getValue() / 1e9, e.getKey()));
    }

    /** Waits past the idle time of the agents' delivery and notification threads. */
    private static void settle() {
        try {
            Thread.sleep(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long openFiles() {
        try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static long rssMegabytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }
}
