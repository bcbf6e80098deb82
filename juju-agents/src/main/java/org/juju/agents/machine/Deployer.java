package org.juju.agents.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.juju.state.CharmRecord;
import org.juju.state.JujuState;
import org.juju.state.UnitState;
import org.juju.state.error.ConflictException;
import org.juju.state.error.JujuException;
import org.juju.state.io.FileTrees;
import org.juju.state.model.MachineId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.juju.state.store.Node;
import org.juju.state.store.ReadOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine agent's reconciliation: deploys the units assigned to its machine (charm fetched,
 * sha256 verified, unpacked into {@code units/<unit-key>/charm}, unit agent started) and removes
 * the ones that are finished (dying and stopped by their agent, or dying before they were ever
 * deployed here: no hook ran, so there is nothing to stop) or gone from the tree. Idempotent;
 * not thread-safe (one loop calls it).
 */
public final class Deployer {
    private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);
    private final JujuState state;
    private final MachineId machine;
    private final Path unitsDir;
    private final UnitProcesses processes;
    private final CharmInstaller installer = new CharmInstaller();
    private final Optional<AgentIdentity> identity;
    /** The units whose identity this run of the agent handed over or found handed over: not read again. */
    private final Set<UnitName> handedOver = new HashSet<>();
    /** The units seen dying, whose agents' status (stopped or not) the rounds read. */
    private final Set<UnitName> dying = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param identity the machine agent's identity; its units' agents get theirs from the
     *                 provisioning agent through their assignment markers (empty: an environment
     *                 without identities, whose unit agents connect anonymously)
     */
    public Deployer(JujuState state, MachineId machine, Path machineDir, UnitProcesses processes,
                    Optional<AgentIdentity> identity) {
        this.state = state;
        this.machine = machine;
        this.unitsDir = machineDir.resolve("units");
        this.processes = processes;
        this.identity = identity;
    }

    /** A deployer of an environment without identities. */
    public Deployer(JujuState state, MachineId machine, Path machineDir, UnitProcesses processes) {
        this(state, machine, machineDir, processes, Optional.empty());
    }

    /** The directory of a unit on this machine. */
    public Path unitDir(UnitName unit) {
        return unitsDir.resolve(unit.key());
    }

    /**
     * Whether the rounds read the status of {@code unit}: only once it is dying, to see its agent
     * stopped. Until then a change of its status needs no round. Thread-safe: the agent's watches
     * ask it from their event thread; a unit is counted before its status is read, so a change made
     * after that read wakes a round.
     */
    public boolean followsStatusOf(UnitName unit) {
        return dying.contains(unit);
    }

    /** One round; returns the units deployed by it. */
    public Set<UnitName> reconcile() {
        Set<UnitName> assigned = new HashSet<>();
        state.store().children(StatePaths.machineUnits(machine)).forEach(key -> assigned.add(UnitName.fromKey(key)));
        Set<UnitName> deployed = new HashSet<>();
        // The units' nodes in one pipelined batch: a round costs a round trip, not one per unit.
        Map<String, ReadOutcome<Optional<Node>>> nodes =
                state.store().readAll(assigned.stream().map(StatePaths::unit).toList());
        List<UnitName> toDeploy = new ArrayList<>();
        for (UnitName unit : assigned) {
            try {
                boolean deployedHere = Files.isDirectory(unitDir(unit).resolve("charm"));
                boolean dying = isDying(nodes.get(StatePaths.unit(unit)));
                if (dying) {
                    this.dying.add(unit);
                }
                if (dying && agentStopped(unit)) {
                    finish(unit);
                } else if (!deployedHere && dying) {
                    // No hook ever ran (never deployed, e.g. its charm failed verification): nothing to stop.
                    finish(unit);
                } else if (!deployedHere) {
                    toDeploy.add(unit);
                } else {
                    handOverIdentity(unit);
                    processes.start(unit, unitDir(unit));
                }
            } catch (JujuException e) {
                LOG.warn("unit {}: {}", unit, e.getMessage());
            }
        }
        deployed.addAll(deployAll(toDeploy));
        for (UnitName gone : onDisk()) {
            if (!assigned.contains(gone)) {
                processes.stop(gone);
                handedOver.remove(gone);
                dying.remove(gone);
                FileTrees.deleteQuietly(unitDir(gone), true);
                LOG.info("removed {}: no longer assigned to machine {}", gone, machine);
            }
        }
        return deployed;
    }

    /** The units with a directory on this machine (deployed, possibly by an earlier run of the agent). */
    private Set<UnitName> onDisk() {
        Set<UnitName> units = new HashSet<>();
        if (Files.isDirectory(unitsDir)) {
            try (var dirs = Files.list(unitsDir)) {
                dirs.forEach(dir -> {
                    try {
                        units.add(UnitName.fromKey(dir.getFileName().toString()));
                    } catch (JujuException e) {
                        LOG.warn("ignoring {}: not a unit directory", dir);
                    }
                });
            } catch (IOException e) {
                LOG.warn("cannot list {}: {}", unitsDir, e.getMessage());
            }
        }
        return units;
    }

    /** Whether the unit's node, as read, says it is dying (a missing node does not). */
    private static boolean isDying(ReadOutcome<Optional<Node>> node) {
        return node.get().map(n -> "dying".equals(n.string("life"))).orElse(false);
    }

    /** Whether the unit's agent reported it stopped: a dying unit is then finished. */
    private boolean agentStopped(UnitName unit) {
        return state.store().read(StatePaths.unitStatus(unit)).map(node -> "stopped".equals(node.string("agent-state")))
                .orElse(false);
    }

    /**
     * Deploys {@code units} together: what they need from the tree (their assignment markers and
     * statuses) is read in one pipelined batch and each service's charm record once; each unit's
     * charm is installed and its identity written to its directory; then the markers' passwords are
     * forgotten in one transaction (after the files are written, so a crash in between loses
     * nothing), and only then are the unit agents started. A unit that fails is logged and left to
     * the next round; the others go on.
     *
     * @return the units deployed
     */
    private List<UnitName> deployAll(List<UnitName> units) {
        if (units.isEmpty()) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        units.forEach(unit -> paths.addAll(List.of(StatePaths.machineUnit(machine, unit), StatePaths.unitStatus(unit))));
        Map<String, ReadOutcome<Optional<Node>>> read = state.store().readAll(paths);
        Map<ServiceName, CharmRecord> charms = new HashMap<>();
        List<UnitName> installed = new ArrayList<>();
        for (UnitName unit : units) {
            try {
                CharmRecord charm = charms.computeIfAbsent(unit.service(), service -> state.services().charm(service));
                install(unit, charm);
                if (read.get(StatePaths.unitStatus(unit)).get().filter(node -> node.data().containsKey("message")).isPresent()) {
                    Map<String, Object> clear = new HashMap<>();
                    clear.put("message", null);
                    state.units().updateStatus(unit, clear);
                }
                writeIdentity(unit, read.get(StatePaths.machineUnit(machine, unit)).get());
                installed.add(unit);
                LOG.info("deployed {} ({}) in {}", unit, charm.url(), unitDir(unit));
            } catch (JujuException e) {
                LOG.warn("unit {}: {}", unit, e.getMessage());
            }
        }
        if (identity.isPresent()) {
            state.units().forgetAssignedCredentials(machine, installed);
            handedOver.addAll(installed);
        }
        installed.forEach(unit -> processes.start(unit, unitDir(unit)));
        return installed;
    }

    private void install(UnitName unit, CharmRecord charm) {
        try {
            installer.install(charm, unitDir(unit));
        } catch (org.juju.state.error.CharmException e) {
            reportError(unit, e.getMessage());
            throw e;
        }
    }

    /**
     * Writes the unit agent's identity into its directory from its assignment marker, as read (see
     * {@link #handOverIdentity}); the marker is emptied by the caller afterwards.
     *
     * @return true if the marker carried a password (now in the file), false if there was none to
     *         write (no identities in this environment, or the file was handed over before)
     * @throws ConflictException if the marker carries no password and the unit has no file
     */
    private boolean writeIdentity(UnitName unit, Optional<Node> marker) {
        if (identity.isEmpty()) {
            return false;
        }
        Path file = unitDir(unit).resolve(Credential.FILE_NAME);
        Optional<Credential> given = marker.flatMap(node -> UnitState.credentialInMarker(unit, node));
        if (given.isPresent()) {
            identity.get().with(given.get()).writeTo(file);
            return true;
        } else if (!Files.exists(file)) {
            throw new ConflictException("unit " + unit + " has no identity: its assignment carries no password"
                    + " and none was handed over before");
        }
        return false;
    }

    /**
     * Gives the unit's agent its identity: the password the provisioning agent left in the
     * assignment marker goes into the file {@code credential} of the unit's directory (mode 0600),
     * and only then is it removed from the marker, so a crash in between loses nothing. Checked once
     * per unit in each run of the agent (a restarted agent checks again). Nothing to
     * do when the file is there already, or in an environment without identities.
     *
     * @throws ConflictException if the unit has neither file nor password (it cannot start)
     */
    private void handOverIdentity(UnitName unit) {
        if (identity.isEmpty() || handedOver.contains(unit)) {
            return;
        }
        if (writeIdentity(unit, state.store().read(StatePaths.machineUnit(machine, unit)))) {
            state.units().forgetAssignedCredential(machine, unit);
            LOG.info("handed its identity over to the agent of {}", unit);
        }
        handedOver.add(unit);
    }

    private void finish(UnitName unit) {
        processes.stop(unit);
        handedOver.remove(unit);
        dying.remove(unit);
        state.units().removeDead(unit);
        FileTrees.deleteQuietly(unitDir(unit), true);
        LOG.info("removed {}: its agent finished", unit);
    }

    private void reportError(UnitName unit, String message) {
        Map<String, Object> status = new LinkedHashMap<>(state.units().status(unit));
        status.put("agent-state", "install-error");
        status.put("message", message);
        state.units().reportStatus(unit, status);
    }
}
