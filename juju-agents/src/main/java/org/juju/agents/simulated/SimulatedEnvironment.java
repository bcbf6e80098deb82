package org.juju.agents.simulated;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.juju.provider.CharmPublication;
import org.juju.provider.StateServer;
import org.juju.state.CharmRecord;
import org.juju.state.Deploy;
import org.juju.state.EndpointRef;
import org.juju.state.EnvironmentInfo;
import org.juju.state.HookRetryPolicy;
import org.juju.state.PlacementPolicy;
import org.juju.state.JujuState;
import org.juju.state.StatusHistory;
import org.juju.state.charm.Charm;
import org.juju.state.charm.CharmUrl;
import org.juju.state.charm.LocalRepository;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AclSource;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;
import org.juju.state.store.Node;
import org.juju.state.store.ReadOutcome;
import org.juju.state.security.IdentityKeys;
import org.juju.state.store.StateConnection;
import org.juju.state.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole environment in this JVM, for benchmarks and tests of many agents: a {@code simulated}
 * provider ({@link SimulatedProvider}) bootstrapped and its state tree initialized as
 * {@code juju bootstrap} does it (identities derived from a generated admin secret, ACLs as in a
 * real environment), and an admin session through which desired state is written with the same
 * state-layer calls as the client's commands ({@link #deploy}, {@link #addUnits},
 * {@link #addRelation}). The real provisioning agent starts a machine for each unit (its placement
 * puts one unit on each machine), whose real machine agent deploys it and runs its real unit agent.
 * {@link #close()} stops every agent and ZooKeeper and deletes the environment's directory.
 *
 * <pre>{@code
 * try (SimulatedEnvironment env = SimulatedEnvironment.start(dir)) {
 *     env.deploy(repository, "local:bookworm/noop", "noop", 100);
 *     env.awaitAllStarted(Duration.ofMinutes(5));
 *     Map<UnitName, Instant> started = env.startTimes();
 * }
 * }</pre>
 */
public final class SimulatedEnvironment implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedEnvironment.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String STARTED = "started";
    private final SimulatedProvider provider;
    private final CuratorFramework admin;
    private final JujuState state;

    private SimulatedEnvironment(SimulatedProvider provider, CuratorFramework admin) {
        this.provider = provider;
        this.admin = admin;
        this.state = new JujuState(new StateStore(admin, AclSource.policy()));
    }

    /** Starts an environment named {@code simulated} working in {@code root} (created; deleted by {@link #close()}). */
    public static SimulatedEnvironment start(Path root) {
        return start(root, "simulated");
    }

    /**
     * Starts the environment {@code name} working in {@code root}: bootstraps it, initializes its
     * tree and connects as its admin.
     *
     * @throws org.juju.state.error.JujuException if ZooKeeper or the admin session cannot be started
     */
    public static SimulatedEnvironment start(Path root, String name) {
        return start(root, name, PlacementPolicy.DEFAULT);
    }

    /**
     * Like {@link #start(Path, String)}, with {@code placement} in the environment's settings (as
     * {@code units-per-machine} in environments.yaml puts it there).
     */
    public static SimulatedEnvironment start(Path root, String name, PlacementPolicy placement) {
        return start(root, name, placement, Optional.empty());
    }

    /**
     * Like {@link #start(Path, String, PlacementPolicy)}, with the machines' directories (their
     * agents' and units' files) in {@code machinesDir} when given instead of under {@code root};
     * {@link #close()} deletes it too.
     */
    public static SimulatedEnvironment start(Path root, String name, PlacementPolicy placement, Optional<Path> machinesDir) {
        return start(root, name, placement, machinesDir, SimulatedZooKeeper.Mode.IN_PROCESS);
    }

    /**
     * Like {@link #start(Path, String, PlacementPolicy, Optional)}, with ZooKeeper running as
     * {@code zooKeeperMode} says: in this JVM, or in a process of its own ({@link ZooKeeperProcess}).
     */
    public static SimulatedEnvironment start(Path root, String name, PlacementPolicy placement, Optional<Path> machinesDir,
                                             SimulatedZooKeeper.Mode zooKeeperMode) {
        String adminSecret = Credential.randomToken();
        String series = "bookworm";
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("name", name);
        keys.put("admin-secret", adminSecret);
        keys.put("default-series", series);
        machinesDir.ifPresent(dir -> keys.put(SimulatedProvider.MACHINES_DIR_KEY, dir.toAbsolutePath().toString()));
        keys.put(SimulatedProvider.ZOOKEEPER_KEY, zooKeeperMode.word());
        SimulatedProvider provider = SimulatedProviderFactory.create(keys, root);
        try {
            StateServer server = provider.bootstrap(message -> LOG.info("{}: {}", name, message));
            CuratorFramework admin = StateConnection.connect(server, Identities.admin(adminSecret), AclSource.policy(),
                    CONNECT_TIMEOUT);
            SimulatedEnvironment environment = new SimulatedEnvironment(provider, admin);
            try {
                // What juju bootstrap writes; the admin secret is the client's own credential: agents never get it.
                environment.state.environment().initialize(new EnvironmentInfo(name, "simulated", series),
                        provider.agentConfig(), Optional.of(IdentityKeys.create(adminSecret)), HookRetryPolicy.DEFAULT,
                        placement);
            } catch (RuntimeException e) {
                admin.close();
                throw e;
            }
            return environment;
        } catch (RuntimeException e) {
            provider.destroy(message -> { });
            throw e;
        }
    }

    /** The admin's view of the state, for desired-state writes and reads. */
    public JujuState state() {
        return state;
    }

    /** The provider (its machines take injected failures: {@link SimulatedMachines#failNextStarts}). */
    public SimulatedProvider provider() {
        return provider;
    }

    /** The machines of the environment. */
    public SimulatedMachines machines() {
        return provider.machines();
    }

    /** The ZooKeeper server (its counters count the operations). */
    public SimulatedZooKeeper zooKeeper() {
        return provider.zooKeeper().orElseThrow();
    }

    /** How many agents run now: the provisioning agent, one per machine (0 included), one per unit. */
    public int liveAgents() {
        return provider.liveAgents();
    }

    /**
     * Deploys {@code charm} (a {@code local:} URL) of the local repository {@code repository} as
     * {@code service} with {@code units} units and the charm's default config, as {@code juju deploy}
     * does: published to the charm storage ({@link CharmPublication}), then one deploy transaction.
     *
     * @return the units added
     */
    public List<UnitName> deploy(Path repository, String charm, String service, int units) {
        CharmUrl url = CharmUrl.parse(charm, state.environment().info().defaultSeries());
        Charm found = new LocalRepository(repository.toAbsolutePath().normalize()).resolve(url);
        CharmRecord record = new CharmPublication(state, provider.charmStorage()).publish(found, url, false);
        return state.services().deploy(new Deploy(ServiceName.of(service), record, Map.of(), units, "--config"));
    }

    /** Adds {@code count} units to {@code service}, as {@code juju add-unit -n} does. */
    public List<UnitName> addUnits(String service, int count) {
        return state.units().add(ServiceName.of(service), count);
    }

    /** Relates two services ({@code SERVICE[:RELATION]} each), as {@code juju add-relation} does. */
    public RelationId addRelation(String first, String second) {
        return state.relations().add(EndpointRef.parse(first), EndpointRef.parse(second));
    }

    /** Every unit of every service, sorted. */
    public List<UnitName> units() {
        List<UnitName> units = new ArrayList<>();
        state.services().names().forEach(service -> units.addAll(state.units().unitsOf(service)));
        return units;
    }

    /**
     * Waits until every unit of every service reports agent-state {@code started}.
     *
     * @return true once they do; false if {@code timeout} passed first
     */
    public boolean awaitAllStarted(Duration timeout) {
        return awaitUnits(this::units, status -> STARTED.equals(status.get("agent-state")), timeout);
    }

    /**
     * Waits until the status node of each unit {@code units} gives (asked again on each poll)
     * satisfies {@code condition} (e.g. a workload message that a relation hook set), polling every
     * 250 ms. A poll reads the status of the units not yet seen satisfying it, {@value #POLL_BATCH}
     * to a pipelined batch ({@code StateStore.readAll}), up to the first batch with one that does
     * not; once every unit has been seen so, one last batch reads them all again and must find each
     * still satisfying it (else polling goes on). So waiting costs about one read per unit (the
     * benchmark's ZooKeeper counts include these reads), and noticing the last unit costs a few
     * batches, not a read per unit.
     *
     * @return true once they do (and there is at least one); false if {@code timeout} passed first
     *         (or the thread was interrupted)
     */
    public boolean awaitUnits(Supplier<List<UnitName>> units, Predicate<Map<String, Object>> condition,
                              Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.Set<UnitName> seen = new java.util.HashSet<>();
        while (true) {
            List<UnitName> current = units.get();
            List<UnitName> pending = current.stream().filter(unit -> !seen.contains(unit)).toList();
            for (int from = 0; from < pending.size(); from += POLL_BATCH) {
                Map<UnitName, Map<String, Object>> batch =
                        statuses(pending.subList(from, Math.min(pending.size(), from + POLL_BATCH)));
                batch.forEach((unit, status) -> {
                    if (condition.test(status)) {
                        seen.add(unit);
                    }
                });
                if (!seen.containsAll(batch.keySet())) {
                    break; // the rest are read in a later poll: a unit not there yet says they are not all there
                }
            }
            if (!current.isEmpty() && seen.containsAll(current)) {
                if (statuses(current).values().stream().allMatch(condition)) {
                    return true;
                }
                seen.clear();
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Status reads in one batch while polling ({@link #awaitUnits}). */
    private static final int POLL_BATCH = 50;

    /** The status of each of {@code units}, read in one pipelined batch; empty for a unit without one. */
    private Map<UnitName, Map<String, Object>> statuses(List<UnitName> units) {
        Map<String, ReadOutcome<Optional<Node>>> read = state.store().readAll(units.stream().map(StatePaths::unitStatus).toList());
        Map<UnitName, Map<String, Object>> statuses = new LinkedHashMap<>();
        units.forEach(unit -> statuses.put(unit, read.get(StatePaths.unitStatus(unit)).get()
                .map(Node::data).orElse(Map.of())));
        return statuses;
    }

    /**
     * When each unit's agent first reported {@code started}, by the agents' clock (this JVM's), from
     * the units' status history; units not started yet are left out.
     */
    public Map<UnitName, Instant> startTimes() {
        Map<UnitName, Instant> times = new LinkedHashMap<>();
        for (UnitName unit : units()) {
            StatusHistory history = state.units().statusHistory(unit);
            history.entries().stream().filter(entry -> STARTED.equals(entry.state())).findFirst()
                    .ifPresent(entry -> times.put(unit, entry.time()));
        }
        return times;
    }

    /** Stops every agent (provisioning, machines, units), closes the admin session and ZooKeeper, deletes the directory. */
    @Override
    public void close() {
        admin.close();
        provider.destroy(message -> LOG.info("{}", message));
    }
}
