package org.juju.agents.provisioning;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.juju.provider.Instance;
import org.juju.provider.Port;
import org.juju.state.MachineInfo;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;

/**
 * Everything one planning round looks at: the machines and waiting units of the tree, the
 * provider's instances, the ports exposed services want per machine and the ports open now, and
 * the most units placement puts on one machine.
 */
public record ProvisioningInput(List<MachineInfo> machines, List<UnitName> unassigned, List<Instance> instances,
                                Map<MachineId, Set<Port>> wantedPorts, Map<String, Set<Port>> openPorts,
                                long nowMillis, Duration launchTimeout, int unitsPerMachine) {
    /** With one unit per machine, the original's placement. */
    public ProvisioningInput(List<MachineInfo> machines, List<UnitName> unassigned, List<Instance> instances,
                             Map<MachineId, Set<Port>> wantedPorts, Map<String, Set<Port>> openPorts,
                             long nowMillis, Duration launchTimeout) {
        this(machines, unassigned, instances, wantedPorts, openPorts, nowMillis, launchTimeout, 1);
    }

    public ProvisioningInput {
        if (unitsPerMachine < 1) {
            throw new IllegalArgumentException("unitsPerMachine must be at least 1, got " + unitsPerMachine);
        }
        machines = List.copyOf(machines);
        unassigned = List.copyOf(unassigned);
        instances = List.copyOf(instances);
        wantedPorts = Map.copyOf(wantedPorts);
        openPorts = Map.copyOf(openPorts);
    }
}
