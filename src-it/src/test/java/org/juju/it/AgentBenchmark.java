package org.juju.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.juju.state.JujuState;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.watch.StateWatcher;

/**
 * Measures the agents on this machine with real processes (run by {@code bin/benchmark-agents},
 * not by the test suite): deploy to started for N units of a no-op charm each on a new process
 * machine, with the time split by phase as seen from the tree; add-relation until both sides'
 * relation hooks committed; and the raw ZooKeeper write latency in the same run. Prints Markdown.
 */
public final class AgentBenchmark {
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int units = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String> flags = List.of(args).subList(Math.min(1, args.length), args.length);
        boolean sequential = flags.contains("--sequential");
        new AgentBenchmark(flags.contains("--lxc") ? "lxc" : "process").run(units, sequential);
    }

    private final String container;
    private final String machineKind;

    private AgentBenchmark(String container) {
        this.container = container;
        this.machineKind = container.equals("lxc") ? "LXC container" : "process machine";
    }

    private void run(int units, boolean sequential) throws Exception {
        Path home = Files.createTempDirectory("juju-bench");
        Path dataDir = home.resolve("data");
        Files.writeString(home.resolve("environments.yaml"), "environments:\n  bench:\n    type: local\n    data-dir: "
                + dataDir + "\n    admin-secret: bench\n    container: " + container + "\n");
        JujuProcess juju = new JujuProcess(home);
        Path repo = JujuProcess.ROOT.resolve("src-it/src/test/resources/charms");
        try {
            check(juju.run("bootstrap"));
            String address = Files.readString(dataDir.resolve("zookeeper.address")).trim();
            try (CuratorFramework client = AdminClient.connect(address, "bench", Duration.ofSeconds(10))) {
                JujuState state = AdminClient.state(client);
                Stats zkWrites = zooKeeperWrites(client);
                try (StateWatcher services = StateWatcher.start(client, StatePaths.services(), s -> record(s));
                     StateWatcher presence = StateWatcher.start(client, StatePaths.presence(), s -> record(s));
                     StateWatcher machines = StateWatcher.start(client, StatePaths.machines(), s -> record(s));
                     StateWatcher relations = StateWatcher.start(client, StatePaths.relations(), s -> record(s))) {
                    if (sequential) {
                        oneAtATime(juju, state, repo, units);
                    } else {
                        deployToStarted(juju, state, repo, units);
                        relationConvergence(juju, state, repo, dataDir);
                    }
                }
                System.out.println();
                System.out.println("| raw ZooKeeper write (setData, sequential, 500) | " + zkWrites.row() + " |");
            }
        } finally {
            juju.run("destroy-environment", "-y");
        }
    }

    private void deployToStarted(JujuProcess juju, JujuState state, Path repo, int units) throws Exception {
        long start = System.nanoTime();
        check(juju.run("deploy", "-n", Integer.toString(units), "--repository", repo.toString(), "local:noop"));
        await(() -> state.units().unitsOf(ServiceName.of("noop")).stream()
                .allMatch(u -> "started".equals(String.valueOf(state.units().status(u).get("agent-state")))), Duration.ofMinutes(10));
        Stats total = new Stats();
        Phases phases = new Phases();
        for (UnitName unit : state.units().unitsOf(ServiceName.of("noop"))) {
            total.add(seen(StatePaths.unitStatus(unit) + "#started") - start);
            phases.add(state, unit, start);
        }
        System.out.println("| deploy -n " + units + " (no-op charm, one new " + machineKind + " each) | p50 | p99 | min | max |");
        System.out.println("|---|---|---|---|---|");
        System.out.println("| deploy command start → unit started | " + total.row() + " |");
        phases.print();
    }

    /** Latency of one unit at a time: each add-unit waits until the previous unit started. */
    private void oneAtATime(JujuProcess juju, JujuState state, Path repo, int units) throws Exception {
        Stats command = new Stats();
        Stats fromIntent = new Stats();
        Phases phases = new Phases();
        for (int i = 0; i < units; i++) {
            long start = System.nanoTime();
            check(i == 0 ? juju.run("deploy", "--repository", repo.toString(), "local:noop")
                    : juju.run("add-unit", "noop"));
            UnitName unit = new UnitName(ServiceName.of("noop"), i);
            String started = StatePaths.unitStatus(unit) + "#started";
            await(() -> firstSeen.containsKey(started), Duration.ofMinutes(2));
            command.add(seen(started) - start);
            fromIntent.add(seen(started) - seen(StatePaths.unit(unit)));
            phases.add(state, unit, seen(StatePaths.unit(unit)));
        }
        System.out.println("| one unit at a time (no-op charm, new " + machineKind + " each, " + units + " units) | p50 | p99 | min | max |");
        System.out.println("|---|---|---|---|---|");
        System.out.println("| deploy/add-unit command start → unit started | " + command.row() + " |");
        System.out.println("| unit in the tree (intent committed) → unit started | " + fromIntent.row() + " |");
        phases.print();
    }

    /** The time from a unit's intent to its start, split by phase as seen from the tree. */
    private final class Phases {
        private final Stats placed = new Stats();
        private final Stats machineUp = new Stats();
        private final Stats agentUp = new Stats();
        private final Stats hooks = new Stats();

        void add(JujuState state, UnitName unit, long from) {
            org.juju.state.model.MachineId machine = state.units().machine(unit).orElseThrow();
            long assigned = seen(StatePaths.machineUnit(machine, unit));
            long machinePresent = Math.max(assigned, seen(StatePaths.machinePresence(machine)));
            long unitPresent = seen(StatePaths.unitPresence(unit));
            long started = seen(StatePaths.unitStatus(unit) + "#started");
            placed.add(assigned - from);
            machineUp.add(machinePresent - assigned);
            agentUp.add(unitPresent - machinePresent);
            hooks.add(started - unitPresent);
        }

        void print() {
            System.out.println("| … → unit assigned to a machine | " + placed.row() + " |");
            System.out.println("| … → machine agent present (machine start, JVM, connect) | " + machineUp.row() + " |");
            System.out.println("| … → unit agent present (charm fetch and unpack, agent start, connect) | " + agentUp.row() + " |");
            System.out.println("| … → started (install, config-changed, start, commits) | " + hooks.row() + " |");
        }
    }

    private void relationConvergence(JujuProcess juju, JujuState state, Path repo, Path dataDir) throws Exception {
        check(juju.run("deploy", "--repository", repo.toString(), "local:recorder", "left"));
        check(juju.run("deploy", "--repository", repo.toString(), "local:recorder", "right"));
        Stats command = new Stats();
        Stats fromIntent = new Stats();
        Stats hookTime = new Stats();
        Stats beyondHooks = new Stats();
        List<UnitName> pair = List.of(UnitName.parse("left/0"), UnitName.parse("right/0"));
        for (int round = 0; round < 10; round++) {
            await(() -> pair.stream().allMatch(u -> "started".equals(String.valueOf(state.units().status(u).get("agent-state")))),
                    Duration.ofMinutes(5));
            List<Path> logs = pair.stream().map(u -> dataDir.resolve("machines/" + state.units().machine(u).orElseThrow().value()
                    + "/units/" + u.key() + "/agent.log")).toList();
            List<Long> offsets = new ArrayList<>();
            for (Path log : logs) {
                offsets.add(Files.size(log));
            }
            long start = System.nanoTime();
            check(juju.run("add-relation", "left:rec", "right:other"));
            RelationId id = state.relations().relationsOf(ServiceName.of("left")).entrySet().stream()
                    .filter(e -> e.getValue().equals("rec")).map(Map.Entry::getKey).findFirst().orElseThrow();
            String converged = "converged " + id;
            await(() -> {
                if (has(state, id, "left/0", "seen-right-0") && has(state, id, "right/0", "seen-left-0")) {
                    firstSeen.putIfAbsent(converged, System.nanoTime());
                    return true;
                }
                return false;
            }, Duration.ofMinutes(2));
            long done = Math.min(seen(converged), seenSettings(id, seen(converged)));
            command.add(done - start);
            fromIntent.add(done - seen(StatePaths.relation(id)));
            long doneWallMillis = System.currentTimeMillis() - (System.nanoTime() - done) / 1_000_000;
            long hooks = 0;
            for (int i = 0; i < logs.size(); i++) {
                hooks = Math.max(hooks, relationHookMillis(logs.get(i), offsets.get(i), doneWallMillis));
            }
            hookTime.add(hooks * 1_000_000);
            beyondHooks.add(done - seen(StatePaths.relation(id)) - hooks * 1_000_000);
            check(juju.run("remove-relation", "left:rec", "right:other"));
            try {
                await(() -> !state.store().exists(StatePaths.relation(id)), Duration.ofMinutes(2));
            } catch (IllegalStateException e) {
                throw new IllegalStateException("relation " + id + " not removed: " + state.store().read(StatePaths.relation(id))
                        + " members " + state.store().children(StatePaths.relationMembers(id))
                        + " status " + pair.stream().map(u -> u + "=" + state.units().status(u)).toList(), e);
            }
        }
        System.out.println();
        System.out.println("| add-relation (recorder pair, 10 rounds) | p50 | p99 | min | max |");
        System.out.println("|---|---|---|---|---|");
        System.out.println("| add-relation command start → both sides' joined/changed committed | " + command.row() + " |");
        System.out.println("| relation in the tree (intent committed) → both sides committed | " + fromIntent.row() + " |");
        System.out.println("| … of which relation hooks run (joined + changed, the slower side) | " + hookTime.row() + " |");
        System.out.println("| … beyond hook run time | " + beyondHooks.row() + " |");
    }

    /**
     * When the watcher saw the last of both units' settings of relation {@code id} with the other's
     * key, or {@code otherwise} if it has not delivered them yet (the poll saw them first).
     */
    private long seenSettings(RelationId id, long otherwise) {
        Long left = firstSeen.get(StatePaths.relationUnitSettings(id, UnitName.parse("left/0")) + "#seen-right-0");
        Long right = firstSeen.get(StatePaths.relationUnitSettings(id, UnitName.parse("right/0")) + "#seen-left-0");
        return left == null || right == null ? otherwise : Math.max(left, right);
    }

    /**
     * The run time of the relation hooks an agent log reports after {@code offset} as done by
     * {@code untilWallMillis}, in milliseconds.
     */
    private static long relationHookMillis(Path log, long offset, long untilWallMillis) throws java.io.IOException {
        java.time.format.DateTimeFormatter stamp = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
        java.util.regex.Pattern done = java.util.regex.Pattern.compile("hook \\S+-relation-(joined|changed) .* succeeded in (\\d+) ms");
        long total = 0;
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log.toFile(), "r")) {
            file.seek(offset);
            String line;
            while ((line = file.readLine()) != null) {
                java.util.regex.Matcher matcher = done.matcher(line);
                if (matcher.find() && java.time.LocalDateTime.parse(line.substring(0, 23), stamp)
                        .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli() <= untilWallMillis) {
                    total += Long.parseLong(matcher.group(2));
                }
            }
        }
        return total;
    }

    private static boolean has(JujuState state, RelationId id, String unit, String key) {
        return state.store().read(StatePaths.relationUnitSettings(id, UnitName.parse(unit)))
                .map(node -> node.data().containsKey(key)).orElse(false);
    }

    private Stats zooKeeperWrites(CuratorFramework client) throws Exception {
        String path = "/bench-scratch";
        client.create().forPath(path, new byte[16]);
        Stats stats = new Stats();
        for (int i = 0; i < 500; i++) {
            long start = System.nanoTime();
            client.setData().forPath(path, ("v" + i).getBytes());
            stats.add(System.nanoTime() - start);
        }
        client.delete().forPath(path);
        return stats;
    }

    /** Notes when each node (and each unit's started state) was first seen. */
    private void record(org.juju.state.watch.TreeSnapshot snapshot) {
        long now = System.nanoTime();
        snapshot.nodes().forEach((path, node) -> {
            firstSeen.putIfAbsent(path, now);
            if (path.endsWith("/status") && "started".equals(node.string("agent-state"))) {
                firstSeen.putIfAbsent(path + "#started", now);
            }
            node.data().keySet().stream().filter(key -> key.startsWith("seen-"))
                    .forEach(key -> firstSeen.putIfAbsent(path + "#" + key, now));
        });
    }

    private long seen(String path) {
        Long at = firstSeen.get(path);
        if (at == null) {
            throw new IllegalStateException("never saw " + path);
        }
        return at;
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private static void check(JujuProcess.Result result) {
        if (result.code() != 0) {
            throw new IllegalStateException(result.toString());
        }
    }

    /** Latencies in nanoseconds, printed in milliseconds. */
    static final class Stats {
        private final List<Long> values = new ArrayList<>();

        void add(long nanos) {
            values.add(nanos);
        }

        String row() {
            List<Long> sorted = values.stream().sorted().toList();
            return ms(sorted.get(sorted.size() / 2)) + " | " + ms(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)))
                    + " | " + ms(sorted.get(0)) + " | " + ms(sorted.get(sorted.size() - 1));
        }

        private static String ms(long nanos) {
            return nanos >= 10_000_000 ? (nanos / 1_000_000) + " ms" : String.format("%.2f ms", nanos / 1e6);
        }
    }
}
