package org.juju.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.juju.state.error.ProviderException;

/**
 * Starts, finds and stops the ZooKeeper ensemble of a local environment ({@code zookeeper-servers}
 * &gt; 1): N {@link EnsembleServer}s on this host, each under a supervisor like the agents'
 * ({@link SupervisedAgents}) in {@code <data-dir>/agents/zookeeper-K/}, so a server that dies is
 * restarted (after 1 s) with its data and ports. The servers and their ports are chosen at the first
 * start and kept in {@code <data-dir>/zookeeper-ensemble}; once a quorum serves, the connect string
 * of all N goes into {@code <data-dir>/zookeeper.address}, where clients find it. Thread-safe (no
 * mutable state).
 */
final class ZooKeeperEnsembleProcess {
    /** The output file of a server and its supervisor, in its directory. */
    static final String OUTPUT_FILE = "zookeeper.log";
    static final String CONFIG_FILE = "zoo.cfg";
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    private final String environment;
    private final DataDirLayout layout;
    private final SupervisedAgents agents;
    private final Supplier<String> host;

    /**
     * @param host the address the servers listen on (asked at the first start only: later starts
     *             reuse the recorded ensemble)
     */
    ZooKeeperEnsembleProcess(String environment, DataDirLayout layout, SupervisedAgents agents, Supplier<String> host) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.host = Objects.requireNonNull(host, "host");
    }

    /** A server as {@link ZooKeeperProbe#mode} saw it: empty mode if it does not serve. */
    record ServerStatus(EnsembleMember member, Optional<String> mode) {
    }

    /** What {@link #start} did: the ensemble, whether it launched any supervisor, and output offsets. */
    record Start(ZooKeeperEnsemble ensemble, int launched, Map<Integer, Long> outputOffsets) {
    }

    /**
     * Makes sure the supervisor of each of the {@code servers} servers runs, launching those that do
     * not (after writing their {@code zoo.cfg} and {@code myid}). The first start chooses the ports
     * and records them; later starts reuse them. Does not wait for a quorum: see {@link #awaitServing}.
     *
     * @throws ProviderException if the recorded ensemble has another size than {@code servers}, the
     *                           ports cannot be chosen, or a supervisor cannot be started
     */
    Start start(int servers) {
        ZooKeeperEnsemble ensemble = ensemble(servers);
        int launched = 0;
        Map<Integer, Long> offsets = new LinkedHashMap<>();
        for (EnsembleMember member : ensemble.members()) {
            SupervisedAgent daemon = daemon(member);
            offsets.put(member.id(), LogTail.size(daemon.output()));
            if (SupervisedDaemons.start(agents, layout.agentsLockFile(), daemon, () -> prepare(ensemble, member))) {
                launched++;
            }
        }
        return new Start(ensemble, launched, Map.copyOf(offsets));
    }

    /**
     * Waits until a quorum of the servers serves (each reports itself leader or follower), then
     * records the connect string of every server in the address file and returns it.
     *
     * @throws ProviderException if server 1's supervisor is gone or no quorum serves within
     *                           {@code timeout}; the message ends with server 1's telling output line
     */
    String awaitServing(Start start, Duration timeout) {
        ZooKeeperEnsemble ensemble = start.ensemble();
        EnsembleMember first = ensemble.members().get(0);
        String connect = SupervisedDaemons.awaitServing("ZooKeeper ensemble", daemon(first),
                start.outputOffsets().get(first.id()), timeout,
                () -> Optional.of(ensemble.connectString()).filter(any -> serving(ensemble) >= ensemble.quorum()));
        try {
            DataDirLayout.writeAtomically(layout.addressFile(), connect + "\n");
        } catch (IOException e) {
            throw new ProviderException("cannot write " + layout.addressFile() + ": " + e.getMessage(), e);
        }
        return connect;
    }

    /**
     * Stops every server and its supervisor for good (SIGTERM, SIGKILL after {@code timeout}) and
     * removes the address file; the ensemble file and the data stay.
     *
     * @return how many servers were running
     * @throws ProviderException if a process survives SIGKILL
     */
    int stop(Duration timeout) {
        int stopped = 0;
        for (int id = 1; Files.isDirectory(layout.ensembleServerDir(id)); id++) {
            if (agents.stop(layout.ensembleServerDir(id), timeout)) {
                stopped++;
            }
        }
        try {
            Files.deleteIfExists(layout.addressFile());
        } catch (IOException e) {
            throw new ProviderException("cannot remove " + layout.addressFile() + ": " + e.getMessage(), e);
        }
        return stopped;
    }

    /** Each recorded server with the mode it reports now (none recorded: an empty list). */
    static List<ServerStatus> status(DataDirLayout layout) {
        List<ServerStatus> status = new ArrayList<>();
        ZooKeeperEnsemble.read(layout.ensembleFile()).ifPresent(ensemble -> ensemble.members().forEach(member ->
                status.add(new ServerStatus(member, ZooKeeperProbe.mode(member.clientAddress(), PROBE_TIMEOUT)))));
        return status;
    }

    private static int serving(ZooKeeperEnsemble ensemble) {
        int serving = 0;
        for (EnsembleMember member : ensemble.members()) {
            Optional<String> mode = ZooKeeperProbe.mode(member.clientAddress(), PROBE_TIMEOUT);
            if (mode.filter(m -> m.equals("leader") || m.equals("follower")).isPresent()) {
                serving++;
            }
        }
        return serving;
    }

    private ZooKeeperEnsemble ensemble(int servers) {
        Optional<ZooKeeperEnsemble> recorded;
        try {
            recorded = ZooKeeperEnsemble.read(layout.ensembleFile());
        } catch (IllegalArgumentException e) {
            throw new ProviderException(layout.ensembleFile() + " is damaged: " + e.getMessage(), e);
        }
        if (recorded.isPresent()) {
            if (recorded.get().members().size() != servers) {
                throw new ProviderException("environment '" + environment + "' was bootstrapped with "
                        + recorded.get().members().size() + " ZooKeeper servers, not " + servers
                        + "; set zookeeper-servers back to " + recorded.get().members().size());
            }
            return recorded.get();
        }
        try {
            ZooKeeperEnsemble chosen = ZooKeeperEnsemble.choose(host.get(), servers);
            Files.createDirectories(layout.dataDir());
            DataDirLayout.writeAtomically(layout.ensembleFile(), chosen.fileText());
            return chosen;
        } catch (IOException e) {
            throw new ProviderException("cannot choose the ports of " + servers + " ZooKeeper servers for environment '"
                    + environment + "': " + e.getMessage(), e);
        }
    }

    private void prepare(ZooKeeperEnsemble ensemble, EnsembleMember member) {
        Path dir = layout.ensembleServerDir(member.id());
        Path data = dir.resolve("data");
        try {
            Files.createDirectories(data);
            DataDirLayout.writeAtomically(data.resolve("myid"), member.id() + "\n");
            DataDirLayout.writeAtomically(dir.resolve(CONFIG_FILE), ensemble.zooCfg(member, data));
        } catch (IOException e) {
            throw new ProviderException("cannot prepare ZooKeeper server " + member.id() + " in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private SupervisedAgent daemon(EnsembleMember member) {
        Path dir = layout.ensembleServerDir(member.id());
        return new SupervisedAgent(dir, "ZooKeeper server " + member.id() + " of environment '" + environment + "'",
                EnsembleServer.class.getName(), List.of(dir.resolve(CONFIG_FILE).toString()), OUTPUT_FILE);
    }
}
