package org.juju.agents.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.juju.state.codec.Json;

/**
 * The result of a benchmark: the machine, the raw ZooKeeper limits measured in the same run, and
 * one {@link Run} per number of units. Written as JSON ({@link #toJson}), as Markdown tables
 * ({@link #toMarkdown}), as a PNG chart ({@link #writeChart}) and into docs/benchmarks.md
 * ({@link #updateDocs}).
 *
 * @param machine one line naming the machine, OS, cores and JDK
 * @param command the command that reproduces the figures
 */
public record BenchReport(String machine, String command, ZooKeeperLimits.Result limits, List<Run> runs) {

    public BenchReport {
        runs = List.copyOf(runs);
    }

    /**
     * One measured phase at one N, e.g. "deploy" or "add-relation".
     *
     * @param perUnit the per-unit latencies (time from the phase start until that unit was done),
     *     null when the phase has no per-unit times (e.g. "status")
     * @param totalMillis wall time of the whole phase
     * @param zookeeper what the server did during the phase, null when not measured
     */
    public record Phase(String name, Percentiles perUnit, double totalMillis, ZooKeeperCounters.Delta zookeeper) {

        /**
         * How many times slower than the physical limit the phase was: its wall time divided by
         * the time the server needs for the same number of writes and reads at the pipelined
         * throughput of {@code limits}. NaN when the phase did no counted operation.
         */
        public double ratioToLimit(ZooKeeperLimits.Result limits) {
            if (zookeeper == null || zookeeper.writes() + zookeeper.reads() == 0) {
                return Double.NaN;
            }
            double minimumMillis = 1000 * (zookeeper.writes() / limits.writesPerSecond() + zookeeper.reads() / limits.readsPerSecond());
            return totalMillis / minimumMillis;
        }
    }

    /**
     * Everything measured at one N.
     *
     * @param units N
     * @param biggestZnode the biggest znode after the run, null when not surveyed
     * @param zookeeperDataBytes the server's approximate data size after the run
     * @param heapBytesPerUnit agent JVM heap per unit ({@link JvmFootprint#perUnit}), -1 unknown
     * @param rssBytesPerUnit agent JVM resident memory per unit, -1 unknown
     * @param deployStages when the deploy's units reached each stage ({@link DeployStages}), empty if not measured
     * @param zookeeperRssBytes the resident memory of the ZooKeeper server's own process after the
     *     run, -1 when unknown or when the server ran in the agents' JVM (its memory is then in theirs)
     */
    public record Run(int units, List<Phase> phases, TreeSurvey.Znode biggestZnode, long zookeeperDataBytes,
                      long heapBytesPerUnit, long rssBytesPerUnit, List<DeployStages.Stage> deployStages,
                      long zookeeperRssBytes) {
        public Run {
            phases = List.copyOf(phases);
            deployStages = List.copyOf(deployStages);
        }

        /** A run whose server shared the agents' JVM. */
        public Run(int units, List<Phase> phases, TreeSurvey.Znode biggestZnode, long zookeeperDataBytes,
                   long heapBytesPerUnit, long rssBytesPerUnit, List<DeployStages.Stage> deployStages) {
            this(units, phases, biggestZnode, zookeeperDataBytes, heapBytesPerUnit, rssBytesPerUnit, deployStages, -1);
        }

        /** A run without deploy stages. */
        public Run(int units, List<Phase> phases, TreeSurvey.Znode biggestZnode, long zookeeperDataBytes,
                   long heapBytesPerUnit, long rssBytesPerUnit) {
            this(units, phases, biggestZnode, zookeeperDataBytes, heapBytesPerUnit, rssBytesPerUnit, List.of());
        }
    }

    /** Plain data: maps and lists, ready for {@link Json#write}. */
    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("machine", machine);
        data.put("command", command);
        data.put("limits", limits.toData());
        List<Object> runList = new ArrayList<>();
        for (Run run : runs) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("units", run.units());
            List<Object> phaseList = new ArrayList<>();
            for (Phase phase : run.phases()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("name", phase.name());
                p.put("totalMillis", phase.totalMillis());
                p.put("perUnitMillis", phase.perUnit() == null ? null : phase.perUnit().toData());
                p.put("zookeeper", phase.zookeeper() == null ? null : phase.zookeeper().toData());
                p.put("zookeeperPerUnit", phase.zookeeper() == null ? null : perUnit(phase.zookeeper(), run.units()));
                p.put("ratioToLimit", phase.ratioToLimit(limits));
                phaseList.add(p);
            }
            r.put("phases", phaseList);
            r.put("biggestZnode", run.biggestZnode() == null ? null
                    : Map.of("path", run.biggestZnode().path(), "bytes", run.biggestZnode().bytes()));
            r.put("zookeeperDataBytes", run.zookeeperDataBytes());
            r.put("heapBytesPerUnit", run.heapBytesPerUnit());
            r.put("rssBytesPerUnit", run.rssBytesPerUnit());
            r.put("zookeeperRssBytes", run.zookeeperRssBytes());
            List<Object> stages = new ArrayList<>();
            for (DeployStages.Stage stage : run.deployStages()) {
                Map<String, Object> st = new LinkedHashMap<>();
                st.put("stage", stage.name());
                st.put("units", stage.units());
                st.put("reachedSeconds", stage.reached().toData());
                stages.add(st);
            }
            r.put("deployStages", stages);
            runList.add(r);
        }
        data.put("runs", runList);
        return data;
    }

    private static Map<String, Object> perUnit(ZooKeeperCounters.Delta delta, int units) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("writes", (double) delta.writes() / units);
        data.put("reads", (double) delta.reads() / units);
        data.put("watchesSet", (double) delta.watchesSet() / units);
        return data;
    }

    /** The report as compact JSON. */
    public String toJson() {
        return Json.write(toData());
    }

    /** The report as Markdown: the machine, the limits, a table of phases and a table of sizes. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("Measured on: ").append(machine).append("  \nReproduce: `").append(command).append("`\n\n");
        md.append(String.format(Locale.ROOT, "Raw ZooKeeper limits (%d-byte node, %d ops, %d in flight): write p50 %s ms, p99 %s ms, "
                        + "%s writes/s; read p50 %s ms, p99 %s ms, %s reads/s.%n%n",
                limits.payloadBytes(), limits.ops(), limits.inFlight(),
                decimal(limits.writeLatency().p50()), decimal(limits.writeLatency().p99()), whole(limits.writesPerSecond()),
                decimal(limits.readLatency().p50()), decimal(limits.readLatency().p99()), whole(limits.readsPerSecond())));
        md.append("| N | phase | p50 ms/unit | p99 ms/unit | total s | writes/unit | reads/unit | watches/unit | × limit |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            for (Phase phase : run.phases()) {
                ZooKeeperCounters.Delta zk = phase.zookeeper();
                md.append("| ").append(whole(run.units()))
                        .append(" | ").append(phase.name())
                        .append(" | ").append(phase.perUnit() == null ? "–" : whole(phase.perUnit().p50()))
                        .append(" | ").append(phase.perUnit() == null ? "–" : whole(phase.perUnit().p99()))
                        .append(" | ").append(decimal(phase.totalMillis() / 1000))
                        .append(" | ").append(zk == null ? "–" : decimal((double) zk.writes() / run.units()))
                        .append(" | ").append(zk == null ? "–" : decimal((double) zk.reads() / run.units()))
                        .append(" | ").append(zk == null ? "–" : decimal((double) zk.watchesSet() / run.units()))
                        .append(" | ").append(Double.isNaN(phase.ratioToLimit(limits)) ? "–" : decimal(phase.ratioToLimit(limits)))
                        .append(" |\n");
            }
        }
        md.append("\n| N | biggest znode | bytes | ZooKeeper data | ZooKeeper RSS | heap/unit | RSS/unit |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            md.append("| ").append(whole(run.units()))
                    .append(" | ").append(run.biggestZnode() == null ? "–" : "`" + run.biggestZnode().path() + "`")
                    .append(" | ").append(run.biggestZnode() == null ? "–" : whole(run.biggestZnode().bytes()))
                    .append(" | ").append(kilobytes(run.zookeeperDataBytes()))
                    .append(" | ").append(megabytes(run.zookeeperRssBytes()))
                    .append(" | ").append(kilobytes(run.heapBytesPerUnit()))
                    .append(" | ").append(kilobytes(run.rssBytesPerUnit()))
                    .append(" |\n");
        }
        if (runs.stream().anyMatch(run -> !run.deployStages().isEmpty())) {
            md.append("\nWhere the deploy's time went: seconds from the deploy's start at which half, 99 % and all of the units")
                    .append(" had reached each stage (`DeployStages`).\n\n");
            md.append("| N | stage | 50 % by s | 99 % by s | all by s |\n|---|---|---|---|---|\n");
            for (Run run : runs) {
                for (DeployStages.Stage stage : run.deployStages()) {
                    md.append("| ").append(whole(run.units())).append(" | ").append(stage.name())
                            .append(" | ").append(String.format(Locale.ROOT, "%.1f", stage.reached().p50()))
                            .append(" | ").append(String.format(Locale.ROOT, "%.1f", stage.reached().p99()))
                            .append(" | ").append(String.format(Locale.ROOT, "%.1f", stage.reached().max()))
                            .append(" |\n");
                }
            }
        }
        return md.toString();
    }

    /** Writes the PNG chart of total time against N, 800 x 500 pixels. */
    public void writeChart(Path png, boolean logScaleUnits) {
        BenchChart.write(this, png, 800, 500, logScaleUnits);
    }

    /**
     * Replaces the generated section of {@code markdown} (see {@link DocsSection}) with this
     * report's Markdown, followed by an image link to {@code chartLink} when it is not null.
     */
    public void updateDocs(Path markdown, String chartLink) {
        String body = toMarkdown() + (chartLink == null ? "" : "\n![juju-bench: time against N](" + chartLink + ")\n");
        DocsSection.update(markdown, body);
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "–" : String.format(Locale.ROOT, "%,.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static String kilobytes(long bytes) {
        return bytes < 0 ? "–" : String.format(Locale.ROOT, "%,.1f KB", bytes / 1024.0);
    }
}
