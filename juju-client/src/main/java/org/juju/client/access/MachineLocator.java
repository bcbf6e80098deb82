package org.juju.client.access;

import java.nio.file.Path;
import org.juju.state.JujuState;
import org.juju.state.MachineInfo;
import org.juju.state.error.ConflictException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;

/**
 * Finds, from the state tree, the machine a unit or a machine id names and how to reach it
 * ({@link MachineAccess}). Reads only.
 *
 * @param state       the environment's state
 * @param environment the environment's name (part of its instance ids)
 * @param dataDir     the environment's data directory on this host
 */
public record MachineLocator(JujuState state, String environment, Path dataDir) {
    /**
     * The data directory of a local environment, whose machines this client reaches directly.
     *
     * @throws org.juju.state.error.ProviderException for an environment of any other type, saying
     *                                                 how to reach its machines instead
     */
    public static Path localDataDir(org.juju.provider.EnvironmentConfig config, String command) {
        if (!config.type().equals("local")) {
            throw new org.juju.state.error.ProviderException("'juju " + command + "' reaches the machines of local"
                    + " environments only; environment '" + config.name() + "' is " + config.type()
                    + ": use ssh to the machine's address in 'juju status'");
        }
        return config.requirePath("data-dir");
    }

    /**
     * The machine of {@code target}: a unit ({@code mysql/0}) or a machine id ({@code 1}).
     *
     * @throws InvalidInputException if it is neither
     * @throws org.juju.state.error.NotFoundException for an unknown unit or machine
     * @throws ConflictException if the unit has no machine yet, or the machine no instance
     */
    public MachineAccess locate(String target) {
        if (target.contains("/")) {
            return ofUnit(UnitName.parse(target));
        }
        if (target.matches("\\d{1,9}")) {
            return ofMachine(MachineId.parse(target));
        }
        throw new InvalidInputException("invalid target '" + target + "': expected a unit (mysql/0) or a machine (1)");
    }

    /** The machine unit {@code unit} is assigned to. */
    public MachineAccess ofUnit(UnitName unit) {
        MachineId machine = state.units().machine(unit).orElseThrow(() ->
                new ConflictException("unit " + unit + " is not assigned to a machine yet (see 'juju status')"));
        return ofMachine(machine);
    }

    /** Machine {@code machine}. */
    public MachineAccess ofMachine(MachineId machine) {
        MachineInfo info = state.machines().info(machine);
        return MachineAccess.of(machine, info.instance().map(MachineInfo.InstanceRecord::instanceId), environment, dataDir);
    }
}
