package org.juju.agents.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.juju.state.error.StateUnavailableException;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;

/**
 * Where a deploy's time went, unit by unit, from the ZooKeeper server's own clock: when each unit
 * was assigned (creation of {@code /machines/N/units/K}), when its machine's instance was recorded
 * ({@code /machines/N/instance}), when the machine agent came up ({@code /presence/machines/N}),
 * when the machine agent handed the unit its credential (the first change of
 * {@code /machines/N/units/K}), when the unit agent came up ({@code /presence/units/K}) and when
 * it reported {@code started}. Each stage is given as the time from the deploy's start at which
 * the median, the 99th percentile and the last unit had reached it.
 *
 * <p>Read after the deploy, with a client that may read those nodes (the administrator's). A
 * presence node re-created after a reconnect shows the later time; a unit whose node is missing
 * is left out of that stage and the ones after it.
 */
public final class DeployStages {
    /** The stages, in the order a unit passes them. */
    public static final List<String> STAGES =
            List.of("assigned", "instance recorded", "machine agent up", "credential handed over", "unit agent up", "started");

    private DeployStages() {
    }

    /**
     * One stage.
     *
     * @param name one of {@link #STAGES}
     * @param units units that reached it
     * @param reached seconds from the deploy's start at which 50 %, 99 % and all of them had
     */
    public record Stage(String name, int units, Percentiles reached) {
    }

    /**
     * The stages of {@code units}, deployed at {@code began}.
     *
     * @param machines each unit's machine (units without one are left out)
     * @param started each unit's first {@code started}
     */
    public static List<Stage> measure(CuratorFramework client, Instant began, Map<UnitName, MachineId> machines,
                                      Map<UnitName, Instant> started) {
        Map<String, List<Double>> reached = new LinkedHashMap<>();
        STAGES.forEach(stage -> reached.put(stage, new ArrayList<>()));
        long t0 = began.toEpochMilli();
        for (Map.Entry<UnitName, MachineId> entry : machines.entrySet()) {
            UnitName unit = entry.getKey();
            MachineId machine = entry.getValue();
            List<Optional<Long>> times = new ArrayList<>();
            Optional<Stat> assignment = stat(client, StatePaths.machineUnit(machine, unit));
            times.add(assignment.map(Stat::getCtime));
            times.add(stat(client, StatePaths.machineInstance(machine)).map(Stat::getCtime));
            times.add(stat(client, StatePaths.machinePresence(machine)).map(Stat::getCtime));
            times.add(assignment.filter(s -> s.getVersion() > 0).map(Stat::getMtime));
            times.add(stat(client, StatePaths.unitPresence(unit)).map(Stat::getCtime));
            times.add(Optional.ofNullable(started.get(unit)).map(Instant::toEpochMilli));
            for (int i = 0; i < STAGES.size() && times.get(i).isPresent(); i++) {
                reached.get(STAGES.get(i)).add((times.get(i).get() - t0) / 1000.0);
            }
        }
        List<Stage> stages = new ArrayList<>();
        reached.forEach((name, seconds) -> {
            if (!seconds.isEmpty()) {
                stages.add(new Stage(name, seconds.size(), Percentiles.ofMillis(seconds)));
            }
        });
        return stages;
    }

    private static Optional<Stat> stat(CuratorFramework client, String path) {
        try {
            return Optional.ofNullable(client.checkExists().forPath(path));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new StateUnavailableException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
