package org.juju.client.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether this host lets one JVM start the threads and open the files a simulation of N units
 * needs, checked before the benchmark starts one. Each simulated agent (a unit's, or a machine's)
 * holds a ZooKeeper session and five threads: its own, the session's send and event threads, and
 * Curator's background and connection-state threads. Each session holds three open files (its
 * socket and its selector's epoll and wake-up descriptors), four when the server runs in the same
 * JVM (the server's end of the connection). The unit agents' hook tool sockets are bound only while
 * a hook runs. Each thread's stack is two memory mappings. Measured at 500 units: 5.0 threads and
 * 3.0 open files per session with ZooKeeper in its own process. Linux caps them:
 * {@code kernel.pid_max} and {@code kernel.threads-max} count threads, {@code vm.max_map_count} a
 * process's mappings, and the process's open-files limit ({@code ulimit -n}) its files. Beyond them a
 * simulation fails half-way through its deploy with errors far from the cause, so the benchmark
 * refuses such an N up front and names the setting to raise ({@code bin/juju-bench} raises its own
 * open-files limit as far as it may).
 */
final class HostLimits {
    /** Threads per simulated agent: its own, ZooKeeper's send and event threads, Curator's two. */
    static final int THREADS_PER_SESSION = 5;
    /** Threads of everything else: ZooKeeper, the JIT and GC, the provisioning agent, the benchmark. */
    static final int BASE_THREADS = 500;
    /** Mappings per thread (its stack and its guard page) and of everything else. */
    static final int MAPPINGS_PER_THREAD = 2;
    static final int BASE_MAPPINGS = 5_000;
    /** Open files per session: its socket, its selector's two; and the server's end when it shares the JVM. */
    static final int FILES_PER_SESSION = 3;
    static final int SERVER_FILES_PER_SESSION = 1;
    static final int BASE_FILES = 1_000;

    private final OptionalLong pidMax;
    private final OptionalLong threadsMax;
    private final OptionalLong maxMapCount;
    private final OptionalLong openFiles;

    HostLimits(OptionalLong pidMax, OptionalLong threadsMax, OptionalLong maxMapCount, OptionalLong openFiles) {
        this.pidMax = pidMax;
        this.threadsMax = threadsMax;
        this.maxMapCount = maxMapCount;
        this.openFiles = openFiles;
    }

    /** This host's limits, from {@code /proc/sys}; a limit that cannot be read is not checked. */
    static HostLimits ofThisHost() {
        return new HostLimits(read("/proc/sys/kernel/pid_max"), read("/proc/sys/kernel/threads-max"),
                read("/proc/sys/vm/max_map_count"), openFilesOfThisProcess());
    }

    /** The ZooKeeper sessions of {@code units} units placed {@code unitsPerMachine} to a machine: theirs and their machines'. */
    static long sessionsFor(int units, int unitsPerMachine) {
        return units + (units + unitsPerMachine - 1) / unitsPerMachine;
    }

    /** The threads a simulation of {@code units} units placed {@code unitsPerMachine} to a machine needs. */
    static long threadsFor(int units, int unitsPerMachine) {
        return sessionsFor(units, unitsPerMachine) * THREADS_PER_SESSION + BASE_THREADS;
    }

    /**
     * Why this host cannot hold a simulation of {@code units} units placed {@code unitsPerMachine}
     * to a machine, with the server in this JVM or not ({@code serverInThisJvm}), naming the setting
     * to raise and a value that would do; empty when it can.
     */
    Optional<String> problem(int units, int unitsPerMachine, boolean serverInThisJvm) {
        long threads = threadsFor(units, unitsPerMachine);
        long mappings = threads * MAPPINGS_PER_THREAD + BASE_MAPPINGS;
        if (pidMax.isPresent() && pidMax.getAsLong() < threads) {
            return Optional.of(tooLow(units, threads + " threads", "kernel.pid_max", pidMax.getAsLong(), threads * 2));
        }
        if (threadsMax.isPresent() && threadsMax.getAsLong() < threads) {
            return Optional.of(tooLow(units, threads + " threads", "kernel.threads-max", threadsMax.getAsLong(), threads * 2));
        }
        if (maxMapCount.isPresent() && maxMapCount.getAsLong() < mappings) {
            return Optional.of(tooLow(units, mappings + " memory mappings", "vm.max_map_count", maxMapCount.getAsLong(),
                    mappings * 2));
        }
        long files = sessionsFor(units, unitsPerMachine)
                * (FILES_PER_SESSION + (serverInThisJvm ? SERVER_FILES_PER_SESSION : 0)) + BASE_FILES;
        if (openFiles.isPresent() && openFiles.getAsLong() < files) {
            return Optional.of(String.format(Locale.ROOT, "%,d simulated units need about %d open files, more than"
                    + " this process's limit of %d allows; raise it first (ulimit -n %d, as root or within the hard"
                    + " limit)%s", units, files, openFiles.getAsLong(), files * 2,
                    serverInThisJvm ? ", or run ZooKeeper in its own process (--zookeeper process)" : ""));
        }
        return Optional.empty();
    }

    private static String tooLow(int units, String need, String setting, long value, long enough) {
        return String.format(Locale.ROOT, "%,d simulated units need about %s, more than %s = %d allows here;"
                + " raise it first (as root: sysctl -w %s=%d)", units, need, setting, value, setting, enough);
    }

    /** The soft limit on open files, from the "Max open files" line of {@code /proc/self/limits}. */
    private static OptionalLong openFilesOfThisProcess() {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits")).stream()
                    .filter(line -> line.startsWith("Max open files"))
                    .map(line -> line.substring("Max open files".length()).trim().split("\\s+")[0])
                    .filter(value -> value.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong).findFirst();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong read(String file) {
        try {
            // Line by line: Files.readString gets only the first byte of some /proc/sys files.
            return OptionalLong.of(Long.parseLong(Files.readAllLines(Path.of(file)).get(0).trim()));
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return OptionalLong.empty();
        }
    }
}
