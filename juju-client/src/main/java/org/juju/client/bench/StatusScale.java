package org.juju.client.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.juju.agents.simulated.InProcessZooKeeper;
import org.juju.client.render.TabularStatus;
import org.juju.state.CharmRecord;
import org.juju.state.Deploy;
import org.juju.state.EnvironmentInfo;
import org.juju.state.JujuState;
import org.juju.state.charm.CharmMetadata;
import org.juju.state.charm.CharmUrl;
import org.juju.state.charm.ConfigSchema;
import org.juju.state.codec.Json;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.ErrorCode;
import org.juju.state.error.JujuException;
import org.juju.state.io.FileTrees;
import org.juju.state.model.MachineId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;

/**
 * How long {@code juju status} takes for many units: builds, on an in-process ZooKeeper and
 * without agents, the tree a running environment has (one service of {@code units} started units,
 * assigned {@code unitsPerMachine} to a machine, with their status history and presence nodes),
 * then times what the status command does: {@link org.juju.state.StatusReader#read} and the JSON,
 * tabular and YAML rendering. The figures are medians over a few runs.
 *
 * <p>Run with the jars {@code bin/juju} builds: {@code java -cp "juju-client/target/juju-client.jar:$(cat
 * juju-client/target/runtime-classpath.txt)" org.juju.client.bench.StatusScale 100 1000 5000}; other ways in
 * docs/benchmarks.md ("status at scale").
 */
public final class StatusScale {
    /** The service the units belong to. */
    public static final String SERVICE = "scale";
    private static final int RUNS = 5;
    /** Units per add-unit transaction: a deploy of thousands in one would pass ZooKeeper's request limit. */
    private static final int UNITS_PER_TRANSACTION = 200;
    private static final int WRITERS = 8;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private StatusScale() {
    }

    /**
     * What one measurement found: the medians in milliseconds and, from the last run's status, how
     * many units it listed and how many of those were started.
     */
    public record Result(int units, int machines, long readMillis, long jsonMillis, long tabularMillis,
                         long yamlMillis, int listedUnits, int startedUnits) {
        /** The status command with {@code --format json}: read and render. */
        public long statusJsonMillis() {
            return readMillis + jsonMillis;
        }

        /** The status command with its default format, YAML: read and render. */
        public long statusYamlMillis() {
            return readMillis + yamlMillis;
        }

        /** The status command with {@code --format tabular}: read and render. */
        public long statusTabularMillis() {
            return readMillis + tabularMillis;
        }
    }

    /** Measures with the default number of runs. */
    public static Result measure(int units, int unitsPerMachine) {
        return measure(units, unitsPerMachine, RUNS);
    }

    /**
     * Builds the tree for {@code units} units and times the status {@code runs} times.
     *
     * @throws JujuException if the tree cannot be built
     */
    public static Result measure(int units, int unitsPerMachine, int runs) {
        Path dir;
        try {
            dir = Files.createTempDirectory("status-scale");
        } catch (IOException e) {
            throw new JujuException(ErrorCode.INTERNAL, "cannot create a directory for ZooKeeper: " + e.getMessage(), e);
        }
        try (InProcessZooKeeper zooKeeper = InProcessZooKeeper.start(dir.resolve("zookeeper"));
             CuratorFramework client = StateConnection.connect(zooKeeper.connectString(), TIMEOUT)) {
            JujuState state = new JujuState(new StateStore(client));
            state.environment().initialize(new EnvironmentInfo("scale", "local", "bookworm"), Map.of("admin-secret", "scale"));
            int machines = build(state, units, unitsPerMachine);
            return time(state, units, machines, runs);
        } finally {
            FileTrees.deleteQuietly(dir, true);
        }
    }

    private static Result time(JujuState state, int units, int machines, int runs) {
        long[] read = new long[runs];
        long[] json = new long[runs];
        long[] tabular = new long[runs];
        long[] yaml = new long[runs];
        Map<String, Object> status = Map.of();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            status = state.status().read(Map.of("name", "scale", "provider", "local", "zookeeper", "-"), List.of());
            long readDone = System.nanoTime();
            Json.write(status);
            long jsonDone = System.nanoTime();
            TabularStatus.render(status);
            long tabularDone = System.nanoTime();
            YamlCodec.dump(status);
            long yamlDone = System.nanoTime();
            read[i] = (readDone - start) / 1_000_000;
            json[i] = (jsonDone - readDone) / 1_000_000;
            tabular[i] = (tabularDone - jsonDone) / 1_000_000;
            yaml[i] = (yamlDone - tabularDone) / 1_000_000;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> listed = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                status.get("services")).get(SERVICE)).get("units");
        int started = (int) listed.values().stream()
                .filter(unit -> "started".equals(((Map<?, ?>) unit).get("agent-state"))).count();
        return new Result(units, machines, median(read), median(json), median(tabular), median(yaml), listed.size(), started);
    }

    /**
     * Deploys the service, adds the machines, then per machine (in parallel, as its agents would)
     * assigns its units, reports them started and creates their presence nodes.
     *
     * @return the number of machines added
     */
    private static int build(JujuState state, int units, int unitsPerMachine) {
        ServiceName service = ServiceName.of(SERVICE);
        List<UnitName> added = new ArrayList<>(state.services().deploy(
                new Deploy(service, charm(), Map.of(), Math.min(units, UNITS_PER_TRANSACTION), "--config")));
        while (added.size() < units) {
            added.addAll(state.units().add(service, Math.min(units - added.size(), UNITS_PER_TRANSACTION)));
        }
        int machines = (units + unitsPerMachine - 1) / unitsPerMachine;
        List<MachineId> ids = new ArrayList<>();
        for (int i = 0; i < machines; i++) {
            ids.add(state.machines().add("bookworm"));
        }
        CuratorFramework client = state.store().client();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int m = 0; m < machines; m++) {
                MachineId machine = ids.get(m);
                List<UnitName> its = added.subList(m * unitsPerMachine, Math.min(units, (m + 1) * unitsPerMachine));
                done.add(writers.submit(() -> {
                    for (UnitName unit : its) {
                        state.units().assign(unit, machine);
                        state.units().updateStatus(unit, Map.of("agent-state", "started"));
                        client.create().withMode(CreateMode.EPHEMERAL).forPath(StatePaths.unitPresence(unit));
                    }
                    client.create().withMode(CreateMode.EPHEMERAL).forPath(StatePaths.machinesPresence() + "/" + machine);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JujuException(ErrorCode.INTERNAL, "interrupted while building the tree", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new JujuException(ErrorCode.INTERNAL, "cannot build the tree: " + e.getCause(), e.getCause());
        } finally {
            writers.shutdownNow();
        }
        return machines;
    }

    private static CharmRecord charm() {
        CharmMetadata metadata = CharmMetadata.parse("name: scale\nsummary: scale\ndescription: status at scale\n"
                + "provides:\n  website: http\npeers:\n  cluster: scale-peers\n", "metadata.yaml").value();
        CharmUrl url = CharmUrl.parse("local:bookworm/scale-1", null);
        return new CharmRecord(url, "sha-scale-1", 100, "file:///storage/" + url.quoted(), metadata, ConfigSchema.EMPTY);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Measures each unit count given (default 100 1000 5000) and prints one line per count. */
    public static void main(String[] args) {
        List<Integer> counts = args.length == 0 ? List.of(100, 1000, 5000) : java.util.Arrays.stream(args).map(Integer::valueOf).toList();
        for (int units : counts) {
            Result r = measure(units, 10);
            System.out.printf("units=%d machines=%d read=%dms json=%dms tabular=%dms yaml=%dms status-json=%dms"
                    + " status-tabular=%dms status-yaml=%dms listed=%d started=%d%n", r.units(), r.machines(), r.readMillis(),
                    r.jsonMillis(), r.tabularMillis(), r.yamlMillis(), r.statusJsonMillis(), r.statusTabularMillis(),
                    r.statusYamlMillis(), r.listedUnits(), r.startedUnits());
        }
    }
}
