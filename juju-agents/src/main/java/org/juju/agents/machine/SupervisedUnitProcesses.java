package org.juju.agents.machine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.juju.agents.runtime.Backoff;
import org.juju.agents.runtime.ChildCommand;
import org.juju.agents.runtime.ProcessSupervisor;
import org.juju.state.model.UnitName;

/**
 * Unit agents as child processes of the machine agent, each kept running by a
 * {@link ProcessSupervisor} (restarted with backoff if it dies). They use the machine agent's own
 * Java and classpath: the juju distribution.
 */
public final class SupervisedUnitProcesses implements UnitProcesses, AutoCloseable {
    private final String zooKeeper;
    private final Map<UnitName, ProcessSupervisor> supervisors = new ConcurrentHashMap<>();

    public SupervisedUnitProcesses(String zooKeeper) {
        this.zooKeeper = zooKeeper;
    }

    @Override
    public void start(UnitName unit, Path unitDir) {
        supervisors.computeIfAbsent(unit, u -> {
            List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx96m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "org.juju.agents.AgentMain", "unit",
                    "--name", unit.toString(), "--zookeeper", zooKeeper, "--dir", unitDir.toString()));
            ProcessSupervisor supervisor = new ProcessSupervisor("unit agent " + unit, new ChildCommand(command,
                    Map.of("CLASSPATH", System.getProperty("java.class.path")), unitDir, unitDir.resolve("agent.out")),
                    Backoff.DEFAULT, Duration.ofSeconds(30));
            supervisor.start();
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
        supervisors.keySet().forEach(this::stop);
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
