package org.juju.agents.machine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.juju.agents.AgentMain;
import org.juju.agents.runtime.AgentPidFile;
import org.juju.agents.runtime.Backoff;
import org.juju.agents.runtime.ChildCommand;
import org.juju.agents.runtime.ProcessSupervisor;
import org.juju.state.model.UnitName;

/**
 * Unit agents as child processes of the machine agent, each kept running by a
 * {@link ProcessSupervisor} (restarted with backoff if it dies). They use the machine agent's own
 * Java, classpath (the juju distribution) and extra options ({@link UnitAgentCommand}). The first unit
 * may take over a spare JVM started with the machine agent ({@link SpareUnitAgent}).
 */
public final class SupervisedUnitProcesses implements UnitProcesses {
    /** Within the 10 s an agent gets to finish after SIGTERM, so the machine agent is never halted mid-stop. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(8);
    private final String zooKeeper;
    private final Map<UnitName, ProcessSupervisor> supervisors = new ConcurrentHashMap<>();
    private final Optional<SpareUnitAgent> spare;

    /**
     * Unit agents connecting to {@code zooKeeper}.
     *
     * @param spare a spare unit agent JVM the first unit started takes over, if any; closed with this
     */
    public SupervisedUnitProcesses(String zooKeeper, Optional<SpareUnitAgent> spare) {
        this.zooKeeper = zooKeeper;
        this.spare = spare;
    }

    @Override
    public void start(UnitName unit, Path unitDir) {
        supervisors.computeIfAbsent(unit, u -> {
            endOrphans(unit, unitDir);
            List<String> arguments = List.of("unit", "--name", unit.toString(), "--zookeeper", zooKeeper,
                    "--dir", unitDir.toString());
            List<String> command = new ArrayList<>(UnitAgentCommand.java());
            command.addAll(arguments);
            ProcessSupervisor supervisor = new ProcessSupervisor("unit agent " + unit,
                    new ChildCommand(command, UnitAgentCommand.environment(), unitDir, unitDir.resolve(AgentMain.OUTPUT_FILE)),
                    Backoff.DEFAULT, STOP_TIMEOUT);
            Optional<Process> spared = spare.flatMap(s -> s.take(arguments));
            spared.ifPresentOrElse(supervisor::startAdopting, supervisor::start);
            return supervisor;
        });
    }

    @Override
    public void stop(UnitName unit) {
        ProcessSupervisor supervisor = supervisors.remove(unit);
        if (supervisor != null) {
            supervisor.stop();
        }
    }

    @Override
    public Set<UnitName> running() {
        return Set.copyOf(supervisors.keySet());
    }

    /** Stops every unit agent (the machine agent is stopping). */
    @Override
    public void close() {
        spare.ifPresent(SpareUnitAgent::close);
        supervisors.keySet().forEach(this::stop);
    }

    /**
     * Ends unit agents of {@code unit} left running by an earlier machine agent that was killed
     * (its children outlive it): a new one could not serve the hook tools beside them.
     */
    private static void endOrphans(UnitName unit, Path unitDir) {
        String marker = "AgentMain unit --name " + unit + " ";
        Set<ProcessHandle> orphans = new HashSet<>(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && c.contains(unitDir.toString())).orElse(false))
                .toList());
        AgentPidFile.liveAgent(unitDir).ifPresent(orphans::add);
        orphans.forEach(ProcessHandle::destroy);
        for (ProcessHandle orphan : orphans) {
            try {
                orphan.onExit().get(STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                orphan.destroyForcibly();
            }
        }
    }
}
