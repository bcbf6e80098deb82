package org.juju.agents.provisioning;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.juju.provider.Instance;
import org.juju.provider.Port;
import org.juju.state.MachineInfo;
import org.juju.state.model.Life;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;

/**
 * Decides what the provisioning agent does, from one {@link ProvisioningInput}; pure and
 * deterministic. The rules, in order:
 *
 * <ol>
 *   <li>Placement: each waiting unit goes to a machine with room (not machine 0, alive, not in
 *       error, fewer units than {@code units-per-machine}), lowest id first, filling each before
 *       the next; when none is left, a new machine is added for it and as many waiting units after
 *       it as fit. With one unit per machine (the default) this is the original's
 *       {@code unassigned} policy: a free machine is one with no units.</li>
 *   <li>A live machine other than 0 in error with a {@code retry-provisioning} request is
 *       provisioned again: whatever instance the provider has or the tree records for it is
 *       stopped, and it is started as a new machine. A request on a machine no longer in error (or
 *       on machine 0) is consumed and ignored.</li>
 *   <li>A live machine without a recorded instance, not in error (a failed start waits for a
 *       retry): if the provider already runs an instance for it (a takeover, or a crash between
 *       starting and recording), record that one; otherwise start one. Intent is always in the
 *       tree before the provider is called, so a machine is never started twice.</li>
 *   <li>A machine whose recorded instance the provider now lists with another address, public
 *       address or state (it runs now, it got its public address) gets the record refreshed.</li>
 *   <li>A dying machine with no units is terminated (instance stopped, machine removed).</li>
 *   <li>An instance of the provider whose machine is not in the tree is stopped (providers only
 *       list instances they started for this environment), and so is every instance of a machine
 *       beyond the one it keeps (the recorded one, else the lowest instance id): a provisioning
 *       agent that lost its leadership while the provider started a machine may have started a
 *       second one.</li>
 *   <li>A machine whose agent has not been seen within the launch timeout after its start is
 *       reported in error (once).</li>
 *   <li>Firewall: each machine with an instance gets exactly the ports its exposed units opened.</li>
 * </ol>
 */
public final class ProvisioningPlanner {
    private ProvisioningPlanner() {
    }

    public static List<ProvisioningAction> plan(ProvisioningInput input) {
        List<ProvisioningAction> actions = new ArrayList<>();
        place(input, actions);
        Map<MachineId, List<Instance>> byMachine = new HashMap<>();
        input.instances().forEach(instance -> byMachine.computeIfAbsent(instance.machine(), k -> new ArrayList<>()).add(instance));
        List<Instance> extra = new ArrayList<>();
        for (MachineInfo machine : input.machines()) {
            Optional<Instance> running = kept(machine, byMachine.remove(machine.id()), extra);
            if (machine.life() == Life.DYING) {
                if (machine.units().isEmpty()) {
                    String instanceId = machine.instance().map(MachineInfo.InstanceRecord::instanceId)
                            .or(() -> running.map(Instance::instanceId)).orElse(null);
                    actions.add(new ProvisioningAction.Terminate(machine.id(), instanceId));
                }
                continue;
            }
            if (machine.retryRequested()) {
                if (isRetriable(machine)) {
                    actions.add(new ProvisioningAction.Reprovision(machine.id(), instanceIds(machine, running)));
                    continue;
                }
                actions.add(new ProvisioningAction.DiscardRetry(machine.id()));
            }
            if (machine.instance().isEmpty()) {
                if (machine.error().isEmpty()) {
                    actions.add(running.<ProvisioningAction>map(i -> new ProvisioningAction.RecordInstance(machine.id(), i))
                            .orElseGet(() -> new ProvisioningAction.StartInstance(machine.id())));
                }
                continue;
            }
            running.filter(instance -> instance.instanceId().equals(machine.instance().get().instanceId())
                            && machine.instance().get().differsFrom(instance))
                    .ifPresent(instance -> actions.add(new ProvisioningAction.RefreshInstance(machine.id(), instance)));
            launchTimeout(input, machine).ifPresent(actions::add);
            firewall(input, machine).ifPresent(actions::add);
        }
        byMachine.values().forEach(extra::addAll);
        extra.stream().sorted(BY_MACHINE_THEN_ID).forEach(orphan -> actions.add(new ProvisioningAction.StopOrphan(orphan)));
        return actions;
    }

    private static final java.util.Comparator<Instance> BY_MACHINE_THEN_ID =
            java.util.Comparator.comparing(Instance::machine).thenComparing(Instance::instanceId);

    /**
     * Of the instances the provider runs for {@code machine}, the one it keeps: the recorded one,
     * else the first by instance id; the others go to {@code extra} (two provisioning agents started
     * it during a takeover: the one that lost leadership did not record its start).
     */
    private static Optional<Instance> kept(MachineInfo machine, List<Instance> instances, List<Instance> extra) {
        if (instances == null) {
            return Optional.empty();
        }
        Optional<String> recorded = machine.instance().map(MachineInfo.InstanceRecord::instanceId);
        Instance keep = instances.stream().filter(i -> recorded.map(i.instanceId()::equals).orElse(false)).findFirst()
                .orElseGet(() -> instances.stream().min(BY_MACHINE_THEN_ID).orElseThrow());
        instances.stream().filter(i -> i != keep).forEach(extra::add);
        return Optional.of(keep);
    }

    private static void place(ProvisioningInput input, List<ProvisioningAction> actions) {
        int capacity = input.unitsPerMachine();
        Deque<MachineId> withRoom = new ArrayDeque<>();
        Map<MachineId, Integer> room = new HashMap<>();
        for (MachineInfo machine : input.machines()) {
            if (machine.hasRoom(capacity)) {
                withRoom.add(machine.id());
                room.put(machine.id(), capacity - machine.units().size());
            }
        }
        List<UnitName> waiting = input.unassigned();
        int next = 0;
        while (next < waiting.size() && !withRoom.isEmpty()) {
            MachineId machine = withRoom.peek();
            actions.add(new ProvisioningAction.Assign(waiting.get(next++), machine));
            if (room.merge(machine, -1, Integer::sum) == 0) {
                withRoom.poll();
            }
        }
        while (next < waiting.size()) {
            int end = Math.min(waiting.size(), next + capacity);
            actions.add(new ProvisioningAction.AddMachineFor(waiting.subList(next, end)));
            next = end;
        }
    }

    private static boolean isRetriable(MachineInfo machine) {
        return machine.error().isPresent() && !machine.id().isBootstrap();
    }

    /** The instances to stop before a machine is provisioned again: the recorded one and the provider's. */
    private static List<String> instanceIds(MachineInfo machine, Optional<Instance> running) {
        Set<String> ids = new LinkedHashSet<>();
        machine.instance().ifPresent(record -> ids.add(record.instanceId()));
        running.ifPresent(instance -> ids.add(instance.instanceId()));
        return List.copyOf(ids);
    }

    private static Optional<ProvisioningAction> launchTimeout(ProvisioningInput input, MachineInfo machine) {
        long startedAt = machine.instance().map(MachineInfo.InstanceRecord::startedAtMillis).orElse(0L);
        boolean overdue = startedAt > 0 && input.nowMillis() - startedAt > input.launchTimeout().toMillis();
        if (!machine.present() && !machine.reported() && machine.error().isEmpty() && overdue) {
            return Optional.of(new ProvisioningAction.LaunchTimedOut(machine.id(), input.launchTimeout().toSeconds()));
        }
        return Optional.empty();
    }

    private static Optional<ProvisioningAction> firewall(ProvisioningInput input, MachineInfo machine) {
        String instanceId = machine.instance().orElseThrow().instanceId();
        Set<Port> wanted = input.wantedPorts().getOrDefault(machine.id(), Set.of());
        Set<Port> open = input.openPorts().getOrDefault(instanceId, Set.of());
        return wanted.equals(open) ? Optional.empty()
                : Optional.of(new ProvisioningAction.SetPorts(machine.id(), instanceId, wanted));
    }
}
