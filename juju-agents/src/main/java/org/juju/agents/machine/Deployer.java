package org.juju.agents.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.juju.state.CharmRecord;
import org.juju.state.JujuState;
import org.juju.state.error.ConflictException;
import org.juju.state.error.JujuException;
import org.juju.state.io.FileTrees;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
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

    /** One round; returns the units deployed by it. */
    public Set<UnitName> reconcile() {
        Set<UnitName> assigned = new HashSet<>();
        state.store().children(StatePaths.machineUnits(machine)).forEach(key -> assigned.add(UnitName.fromKey(key)));
        Set<UnitName> deployed = new HashSet<>();
        for (UnitName unit : assigned) {
            try {
                boolean deployedHere = Files.isDirectory(unitDir(unit).resolve("charm"));
                boolean dying = isDying(unit);
                if (dying && agentStopped(unit)) {
                    finish(unit);
                } else if (!deployedHere && dying) {
                    // No hook ever ran (never deployed, e.g. its charm failed verification): nothing to stop.
                    finish(unit);
                } else if (!deployedHere) {
                    deploy(unit);
                    deployed.add(unit);
                } else {
                    handOverIdentity(unit);
                    processes.start(unit, unitDir(unit));
                }
            } catch (JujuException e) {
                LOG.warn("unit {}: {}", unit, e.getMessage());
            }
        }
        for (UnitName gone : onDisk()) {
            if (!assigned.contains(gone)) {
                processes.stop(gone);
                handedOver.remove(gone);
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

    private boolean isDying(UnitName unit) {
        return state.store().read(StatePaths.unit(unit)).map(node -> "dying".equals(node.string("life"))).orElse(false);
    }

    /** Whether the unit's agent reported it stopped: a dying unit is then finished. */
    private boolean agentStopped(UnitName unit) {
        return state.store().read(StatePaths.unitStatus(unit)).map(node -> "stopped".equals(node.string("agent-state")))
                .orElse(false);
    }

    private void deploy(UnitName unit) {
        CharmRecord charm = state.services().charm(unit.service());
        Path dir = unitDir(unit);
        try {
            installer.install(charm, dir);
        } catch (org.juju.state.error.CharmException e) {
            reportError(unit, e.getMessage());
            throw e;
        }
        if (state.units().status(unit).containsKey("message")) {
            java.util.Map<String, Object> clear = new java.util.HashMap<>();
            clear.put("message", null);
            state.units().updateStatus(unit, clear);
        }
        handOverIdentity(unit);
        LOG.info("deployed {} ({}) in {}", unit, charm.url(), dir);
        processes.start(unit, dir);
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
        Path file = unitDir(unit).resolve(Credential.FILE_NAME);
        Optional<Credential> given = state.units().assignedCredential(machine, unit);
        if (given.isPresent()) {
            identity.get().with(given.get()).writeTo(file);
            state.units().forgetAssignedCredential(machine, unit);
            LOG.info("handed its identity over to the agent of {}", unit);
        } else if (!Files.exists(file)) {
            throw new ConflictException("unit " + unit + " has no identity: its assignment carries no password"
                    + " and none was handed over before");
        }
        handedOver.add(unit);
    }

    private void finish(UnitName unit) {
        processes.stop(unit);
        handedOver.remove(unit);
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
