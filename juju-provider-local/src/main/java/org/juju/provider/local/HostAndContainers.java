package org.juju.provider.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.juju.provider.Instance;
import org.juju.provider.MachineProvider;
import org.juju.provider.MachineSpec;
import org.juju.provider.Port;
import org.juju.provider.local.lxc.ContainerMachines;

/**
 * The machines of a local environment with {@code container: lxc}: machine 0 is this host, a
 * {@link ProcessMachines process machine} as in every local environment (instance id
 * {@code process-<environment>-0}); every other machine is a container of
 * {@link ContainerMachines}. Calls go to one or the other by machine id or instance id.
 */
final class HostAndContainers implements MachineProvider {
    private final ProcessMachines host;
    private final ContainerMachines containers;

    HostAndContainers(ProcessMachines host, ContainerMachines containers) {
        this.host = Objects.requireNonNull(host, "host");
        this.containers = Objects.requireNonNull(containers, "containers");
    }

    @Override
    public Instance startMachine(MachineSpec spec) {
        return spec.id().isBootstrap() ? host.startMachine(spec) : containers.startMachine(spec);
    }

    @Override
    public void stopMachine(String instanceId) {
        forInstance(instanceId).stopMachine(instanceId);
    }

    /** Machine 0 if its agent runs, then the containers. */
    @Override
    public List<Instance> listMachines() {
        List<Instance> instances = new ArrayList<>(host.listMachines().stream()
                .filter(instance -> instance.machine().isBootstrap()).toList());
        instances.addAll(containers.listMachines());
        return instances;
    }

    @Override
    public void setOpenPorts(String instanceId, Set<Port> ports) {
        forInstance(instanceId).setOpenPorts(instanceId, ports);
    }

    @Override
    public Set<Port> openPorts(String instanceId) {
        return forInstance(instanceId).openPorts(instanceId);
    }

    @Override
    public void prepareAhead() {
        containers.prepareAhead();
    }

    private MachineProvider forInstance(String instanceId) {
        return instanceId != null && instanceId.equals(host.instanceId(org.juju.state.model.MachineId.BOOTSTRAP))
                ? host : containers;
    }
}
