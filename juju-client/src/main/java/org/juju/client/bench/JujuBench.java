package org.juju.client.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.juju.agents.bench.BenchReport;
import org.juju.agents.bench.DeployStages;
import org.juju.agents.bench.JvmFootprint;
import org.juju.agents.bench.Percentiles;
import org.juju.agents.bench.TreeSurvey;
import org.juju.agents.bench.ZooKeeperCounters;
import org.juju.agents.bench.ZooKeeperLimits;
import org.juju.agents.simulated.SimulatedZooKeeper;
import org.juju.agents.simulated.ZooKeeperProcess;
import org.juju.agents.simulated.SimulatedEnvironment;
import org.juju.client.render.TabularStatus;
import org.juju.state.codec.Json;
import org.juju.state.error.ErrorCode;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.JujuException;
import org.juju.state.io.FileTrees;
import org.juju.state.PlacementPolicy;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;

/**
 * {@code bin/juju-bench}: starts a fresh environment on the simulated provider for each N and
 * measures deploy → all units started, {@code juju status} (JSON and tabular), add-relation →
 * every joined/changed hook done, ZooKeeper operations per unit, the biggest znode, memory per
 * unit, and ZooKeeper's raw limits on the same kind of server; writes JSON, Markdown and a PNG
 * chart, and the section of docs/benchmarks.md between its markers, after each N (a run stopped
 * later keeps them).
 *
 * <p>Arguments: {@code [--units N,N...] [--units-per-machine K] [--relation-units M] [--out DIR]
 * [--docs FILE|-] [--timeout SECONDS] [--machine-disk memory|disk] [--zookeeper process|in-process]};
 * the environments place {@code K} units per machine (default 10, {@code units-per-machine}), the
 * simulated machines keep their files in memory unless told {@code disk} ({@link MachineDisk}), and
 * ZooKeeper runs in a JVM of its own ({@link ZooKeeperProcess}) unless told {@code in-process}. The
 * process asks the kernel for a futex hash sized for its threads ({@link FutexHash}). Exit 0 when
 * every phase converged, 1 when one timed out (the figures of what finished are still written), 2
 * on bad arguments or an N this host's kernel limits cannot hold ({@link HostLimits}, checked before
 * anything starts).
 */
public final class JujuBench {
    /** The smallest private futex hash asked for: 64 KB of the kernel's memory. */
    private static final int MIN_FUTEX_SLOTS = 1024;
    private final Options options;
    /** The private futex hash this process got ({@link FutexHash}), empty if the kernel's default. */
    private OptionalInt futexSlots = OptionalInt.empty();

    JujuBench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        org.juju.client.Logging.configure(false);
        try {
            System.exit(new JujuBench(Options.parse(args)).run());
        } catch (JujuException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(e.code().exitCode());
        } catch (RuntimeException | Error e) {
            // Said here, flushed, before the exit: a benchmark that stops must say why.
            System.err.println("juju-bench: failed: " + e);
            e.printStackTrace(System.err);
            System.err.flush();
            System.exit(1);
        }
    }

    int run() {
        int largest = options.units().stream().mapToInt(Integer::intValue).max().orElse(0);
        HostLimits.ofThisHost().problem(largest, options.unitsPerMachine(),
                options.zooKeeper() == SimulatedZooKeeper.Mode.IN_PROCESS).ifPresent(problem -> {
            throw new InvalidInputException(problem);
        });
        futexSlots = FutexHash.request(futexSlotsFor(HostLimits.threadsFor(largest, options.unitsPerMachine())));
        List<BenchReport.Run> runs = new ArrayList<>();
        ZooKeeperLimits.Result limits = null;
        boolean converged = true;
        for (int units : options.units()) {
            System.err.printf(Locale.ROOT, "juju-bench: N = %d%n", units);
            RunResult result = runOne(units, limits);
            limits = result.limits();
            runs.add(result.run());
            converged &= result.converged();
            // After each N, so that a long run stopped later keeps what it measured.
            write(new BenchReport(machine(), "bin/juju-bench " + options.describe(), limits, runs));
        }
        BenchReport report = new BenchReport(machine(), "bin/juju-bench " + options.describe(), limits, runs);
        System.out.print(report.toMarkdown());
        return converged ? 0 : 1;
    }

    private record RunResult(BenchReport.Run run, ZooKeeperLimits.Result limits, boolean converged) {
    }

    /** A bucket per thread, rounded up to a power of two. */
    static int futexSlotsFor(long threads) {
        long slots = Long.highestOneBit(Math.max(threads, MIN_FUTEX_SLOTS) - 1) << 1;
        return (int) Math.min(slots, 1 << 20);
    }

    private RunResult runOne(int units, ZooKeeperLimits.Result knownLimits) {
        Path root = temporaryDirectory();
        ZooKeeperLimits.Result limits = knownLimits != null ? knownLimits : limits(root.resolve("limits"), options.zooKeeper());
        JvmFootprint before = JvmFootprint.measure();
        List<BenchReport.Phase> phases = new ArrayList<>();
        boolean converged;
        Optional<Path> machinesDir = options.machineDisk().directory();
        try (SimulatedEnvironment environment = SimulatedEnvironment.start(root.resolve("env"), "simulated",
                new PlacementPolicy(options.unitsPerMachine()), machinesDir, options.zooKeeper())) {
            Path repository = BenchCharms.write(root.resolve("repository"));
            List<DeployStages.Stage> stages = new ArrayList<>();
            converged = deploy(environment, repository, units, phases, stages);
            JvmFootprint after = JvmFootprint.measure();
            statusPhases(environment, phases);
            if (converged && options.relationUnits() > 0) {
                converged = relation(environment, repository, options.relationUnits(), phases);
            }
            TreeSurvey.Result survey = TreeSurvey.survey(environment.state().store().client(), "/", 5);
            ZooKeeperCounters.Snapshot end = environment.zooKeeper().counters();
            Map<String, Object> perUnit = after.perUnit(before, units);
            return new RunResult(new BenchReport.Run(units, phases, survey.biggestNode(), end.approximateDataSize(),
                    ((Number) perUnit.get("heapBytesPerUnit")).longValue(),
                    ((Number) perUnit.get("rssBytesPerUnit")).longValue(), stages,
                    environment.zooKeeper().residentBytes().orElse(-1)), limits, converged);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JujuException(ErrorCode.INTERNAL, "interrupted", e);
        } finally {
            machinesDir.ifPresent(dir -> FileTrees.deleteQuietly(dir, true));
            FileTrees.deleteQuietly(root, true);
        }
    }

    /**
     * ZooKeeper's raw limits on this machine: the same kind of server the environments use (in
     * this JVM or in a process of its own), started alone before them (the environment's tree
     * admits no anonymous writes), measured, stopped.
     */
    private static ZooKeeperLimits.Result limits(Path dir, SimulatedZooKeeper.Mode mode) {
        try (SimulatedZooKeeper server = SimulatedZooKeeper.start(mode, dir)) {
            return ZooKeeperLimits.measure(server.connectString(), 3000, 32);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JujuException(ErrorCode.INTERNAL, "interrupted", e);
        }
    }

    /**
     * deploy → every unit started: per-unit latency from the deploy's start to the unit's first
     * {@code started}, and when the units reached each stage on the way ({@link DeployStages}).
     */
    private boolean deploy(SimulatedEnvironment environment, Path repository, int units, List<BenchReport.Phase> phases,
                           List<DeployStages.Stage> stages) {
        ZooKeeperCounters.Snapshot start = environment.zooKeeper().counters();
        Instant began = Instant.now();
        long t0 = System.nanoTime();
        environment.deploy(repository, "local:bench-idle", "idle", units);
        boolean converged = environment.awaitAllStarted(options.timeout());
        double total = millisSince(t0);
        ZooKeeperCounters.Delta delta = ZooKeeperCounters.delta(start, environment.zooKeeper().counters());
        Map<UnitName, Instant> startTimes = environment.startTimes();
        List<Long> latencies = startTimes.values().stream()
                .map(time -> Duration.between(began, time).toMillis()).toList();
        Map<UnitName, MachineId> machines = new LinkedHashMap<>();
        environment.units().forEach(unit -> environment.state().units().machine(unit).ifPresent(m -> machines.put(unit, m)));
        stages.addAll(DeployStages.measure(environment.state().store().client(), began, machines, startTimes));
        phases.add(new BenchReport.Phase("deploy → all started", latencies.isEmpty() ? null : Percentiles.ofMillis(latencies),
                total, delta));
        if (!converged) {
            System.err.printf(Locale.ROOT, "juju-bench: only %d of %d units started within %s%n", latencies.size(), units,
                    options.timeout());
        }
        return converged;
    }

    /** {@code juju status}: the status read and its rendering, as the command does after connecting; 5 runs each. */
    private static void statusPhases(SimulatedEnvironment environment, List<BenchReport.Phase> phases) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("name", "simulated");
        header.put("provider", "simulated");
        header.put("zookeeper", environment.zooKeeper().connectString());
        for (String format : List.of("json", "tabular")) {
            ZooKeeperCounters.Snapshot start = environment.zooKeeper().counters();
            List<Double> times = new ArrayList<>();
            int runs = 5;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                Map<String, Object> status = environment.state().status().read(header, List.of());
                String text = format.equals("json") ? Json.write(status) : TabularStatus.render(status);
                if (text.isEmpty()) {
                    throw new IllegalStateException("empty status");
                }
                times.add(millisSince(t0));
            }
            ZooKeeperCounters.Delta delta = ZooKeeperCounters.delta(start, environment.zooKeeper().counters());
            Percentiles p = Percentiles.ofMillis(times);
            phases.add(new BenchReport.Phase("status --format " + format, p, p.p50(), perRun(delta, runs)));
        }
    }

    /** add-relation between two services of {@code units} units each → every unit ran joined and changed for each remote unit. */
    private boolean relation(SimulatedEnvironment environment, Path repository, int units,
                             List<BenchReport.Phase> phases) {
        environment.deploy(repository, "local:bench-server", "server", units);
        environment.deploy(repository, "local:bench-client", "client", units);
        if (!environment.awaitAllStarted(options.timeout())) {
            System.err.println("juju-bench: the relation's services did not start");
            return false;
        }
        List<UnitName> members = new ArrayList<>(environment.state().units().unitsOf(ServiceName.of("server")));
        members.addAll(environment.state().units().unitsOf(ServiceName.of("client")));
        ZooKeeperCounters.Snapshot start = environment.zooKeeper().counters();
        long t0 = System.nanoTime();
        RelationId relation = environment.addRelation("server", "client");
        long deadline = t0 + options.timeout().toNanos();
        boolean done = false;
        while (!done && System.nanoTime() < deadline) {
            done = RelationProgress.scan(environment.provider().machinesDir()).allDone(members, relation, units);
            if (!done) {
                pause();
            }
        }
        double total = millisSince(t0);
        ZooKeeperCounters.Delta delta = ZooKeeperCounters.delta(start, environment.zooKeeper().counters());
        phases.add(new BenchReport.Phase("add-relation (" + units + " × " + units + ") → joined/changed done", null, total, delta));
        if (!done) {
            System.err.println("juju-bench: the relation's hooks did not finish within " + options.timeout());
        }
        return done;
    }

    /** A per-run delta: each count divided by {@code runs}. */
    private static ZooKeeperCounters.Delta perRun(ZooKeeperCounters.Delta d, int runs) {
        return new ZooKeeperCounters.Delta(d.writes() / runs, d.reads() / runs, d.writeBytes() / runs, d.readBytes() / runs,
                d.transactions() / runs, d.requestsWithoutTransaction() / runs, d.watchesSet() / runs,
                d.watchesFired() / runs, d.packetsReceived() / runs, d.packetsSent() / runs, d.znodesAdded() / runs,
                d.dataBytesAdded() / runs);
    }

    private void write(BenchReport report) {
        try {
            Files.createDirectories(options.out());
            Files.writeString(options.out().resolve("juju-bench.json"), report.toJson() + "\n");
            Files.writeString(options.out().resolve("juju-bench.md"), report.toMarkdown());
            report.writeChart(options.out().resolve("juju-bench.png"), true);
            if (options.docs() != null) {
                Path chart = options.docs().resolveSibling("juju-bench.png");
                report.writeChart(chart, true);
                report.updateDocs(options.docs(), chart.getFileName().toString());
            }
        } catch (IOException e) {
            throw new JujuException(ErrorCode.INTERNAL, "cannot write the results: " + e.getMessage(), e);
        }
    }

    private String machine() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%s %s, %d cores, %.0f GB max heap, Java %s; %s", System.getProperty("os.name"),
                System.getProperty("os.version"), runtime.availableProcessors(), runtime.maxMemory() / 1e9,
                System.getProperty("java.version"), options.machineDisk().describe()) + "; "
                + (options.zooKeeper() == SimulatedZooKeeper.Mode.PROCESS
                ? "ZooKeeper in a JVM of its own" : "ZooKeeper in the agents' JVM") + "; "
                + (futexSlots.isPresent() ? String.format(Locale.ROOT, "futex hash of %,d slots", futexSlots.getAsInt())
                : "the kernel's futex hash");
    }

    private static double millisSince(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JujuException(ErrorCode.INTERNAL, "interrupted", e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("juju-bench-");
        } catch (IOException e) {
            throw new JujuException(ErrorCode.INTERNAL, "cannot create a working directory: " + e.getMessage(), e);
        }
    }

    /** The command line. */
    record Options(List<Integer> units, int unitsPerMachine, int relationUnits, Path out, Path docs, Duration timeout,
                   MachineDisk machineDisk, SimulatedZooKeeper.Mode zooKeeper) {
        static Options parse(String[] args) {
            List<Integer> units = List.of(100, 1000);
            int unitsPerMachine = 10;
            int relationUnits = 50;
            Path out = Path.of("target", "juju-bench");
            Path docs = Path.of("docs", "benchmarks.md");
            Duration timeout = Duration.ofMinutes(10);
            MachineDisk machineDisk = MachineDisk.MEMORY;
            SimulatedZooKeeper.Mode zooKeeper = SimulatedZooKeeper.Mode.PROCESS;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--units" -> units = positives(required(args[i], value));
                    case "--units-per-machine" -> unitsPerMachine = Math.min(PlacementPolicy.MAX_UNITS_PER_MACHINE,
                            number(args[i], required(args[i], value), 1));
                    case "--relation-units" -> relationUnits = number(args[i], required(args[i], value), 0);
                    case "--out" -> out = Path.of(required(args[i], value));
                    case "--docs" -> docs = "-".equals(required(args[i], value)) ? null : Path.of(value);
                    case "--timeout" -> timeout = Duration.ofSeconds(number(args[i], required(args[i], value), 1));
                    case "--machine-disk" -> machineDisk = MachineDisk.parse(required(args[i], value));
                    case "--zookeeper" -> zooKeeper = zooKeeperMode(required(args[i], value));
                    default -> throw new InvalidInputException("unknown argument '" + args[i]
                            + "' (use --units N,N... --units-per-machine K --relation-units M --out DIR --docs FILE|-"
                            + " --timeout SECONDS --machine-disk memory|disk --zookeeper process|in-process)");
                }
                i++;
            }
            return new Options(units, unitsPerMachine, relationUnits, out, docs, timeout, machineDisk, zooKeeper);
        }

        String describe() {
            return "--units " + String.join(",", units.stream().map(String::valueOf).toList())
                    + " --units-per-machine " + unitsPerMachine + " --relation-units " + relationUnits
                    + (machineDisk == MachineDisk.MEMORY ? "" : " --machine-disk " + machineDisk.text())
                    + (zooKeeper == SimulatedZooKeeper.Mode.PROCESS ? "" : " --zookeeper " + zooKeeper.word());
        }

        private static SimulatedZooKeeper.Mode zooKeeperMode(String value) {
            try {
                return SimulatedZooKeeper.Mode.of(value);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--zookeeper must be process or in-process, got '" + value + "'");
            }
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new InvalidInputException(option + " needs a value");
            }
            return value;
        }

        private static List<Integer> positives(String text) {
            List<Integer> values = new ArrayList<>();
            for (String part : text.split(",")) {
                values.add(number("--units", part.trim(), 1));
            }
            return List.copyOf(values);
        }

        private static int number(String option, String text, int minimum) {
            try {
                int value = Integer.parseInt(text);
                if (value < minimum) {
                    throw new InvalidInputException(option + " must be at least " + minimum + ", got " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new InvalidInputException(option + " must be a whole number, got '" + text + "'");
            }
        }
    }
}
