package org.juju.agents.provisioning;

import java.util.List;
import java.util.Set;
import org.juju.provider.Instance;
import org.juju.provider.Port;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;

/** One step the provisioning agent takes to bring machines and firewall in line with the tree. */
public sealed interface ProvisioningAction {
    /** Place a waiting unit on a free machine. */
    record Assign(UnitName unit, MachineId machine) implements ProvisioningAction {
    }

    /** Create a new machine for waiting units (one or more) and place them there (started by a later step). */
    record AddMachineFor(List<UnitName> units) implements ProvisioningAction {
        public AddMachineFor {
            units = List.copyOf(units);
            if (units.isEmpty()) {
                throw new IllegalArgumentException("a new machine needs at least one unit");
            }
        }

        /** A new machine for one unit. */
        public AddMachineFor(UnitName unit) {
            this(List.of(unit));
        }
    }

    /** Start an instance for a machine that has none (intent is recorded: the machine node exists). */
    record StartInstance(MachineId machine) implements ProvisioningAction {
    }

    /**
     * Provision a machine in error again, as {@code retry-provisioning} asked: stop every instance
     * the provider may have for it (it may be half-started), then forget its instance and error and
     * consume the request in one transaction, then start it as a new machine.
     */
    record Reprovision(MachineId machine, List<String> instanceIds) implements ProvisioningAction {
        public Reprovision {
            instanceIds = List.copyOf(instanceIds);
        }
    }

    /** Consume a {@code retry-provisioning} request whose machine is no longer in error, doing nothing else. */
    record DiscardRetry(MachineId machine) implements ProvisioningAction {
    }

    /** Record an instance the provider already runs for a machine (after a takeover or a crash). */
    record RecordInstance(MachineId machine, Instance instance) implements ProvisioningAction {
    }

    /** Record what the provider now says of a machine's recorded instance (address, public address, state). */
    record RefreshInstance(MachineId machine, Instance instance) implements ProvisioningAction {
    }

    /** Stop a dying machine's instance, then remove the machine from the tree. */
    record Terminate(MachineId machine, String instanceId) implements ProvisioningAction {
    }

    /** Stop an instance of this environment whose machine is gone from the tree. */
    record StopOrphan(Instance instance) implements ProvisioningAction {
    }

    /** Report a machine whose agent never came up within the launch timeout. */
    record LaunchTimedOut(MachineId machine, long seconds) implements ProvisioningAction {
    }

    /** Make the machine's firewall open exactly these ports. */
    record SetPorts(MachineId machine, String instanceId, Set<Port> ports) implements ProvisioningAction {
        public SetPorts {
            ports = Set.copyOf(ports);
        }
    }
}
