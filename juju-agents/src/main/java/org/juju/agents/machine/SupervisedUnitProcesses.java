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
import org.juju.provider.AgentJava;
import org.juju.state.model.UnitName;

/**
 * Unit agents as child processes of the machine agent, each kept running by a
 * {@link ProcessSupervisor} (restarted with backoff if it dies). They use the machine agent's own
 * Java, classpath (the juju distribution) and extra options ({@link AgentJava}).
 */
public final class SupervisedUnitProcesses implements UnitProcesses, AutoCloseable {
    /** Within the 10 s an agent gets to finish after SIGTERM, so the machine agent is never halted mid-stop. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(8);
    /** Unit agents are small: a small heap, the serial collector, quick start-up over peak speed. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");
    private final String zooKeeper;
    private final Map<UnitName, ProcessSupervisor> supervisors = new ConcurrentHashMap<>();

    public SupervisedUnitProcesses(String zooKeeper) {
        this.zooKeeper = zooKeeper;
    }

    @Override
    public void start(UnitName unit, Path unitDir) {
        supervisors.computeIfAbsent(unit, u -> {
            endOrphans(unit, unitDir);
            List<String> command = new ArrayList<>();
            command.add(AgentJava.executable());
            command.addAll(AgentJava.options(JVM_OPTIONS));
            command.addAll(List.of("org.juju.agents.AgentMain", "unit",
                    "--name", unit.toString(), "--zookeeper", zooKeeper, "--dir", unitDir.toString()));
            ProcessSupervisor supervisor = new ProcessSupervisor("unit agent " + unit, new ChildCommand(command,
                    Map.of("CLASSPATH", System.getProperty("java.class.path")), unitDir, unitDir.resolve("agent.out")),
                    Backoff.DEFAULT, STOP_TIMEOUT);
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

    /**
     * Ends unit agents of {@code unit} left running by an earlier machine agent that was killed
     * (its children outlive it): a new one could not serve the hook tools beside them.
     */
    private static void endOrphans(UnitName unit, Path unitDir) {
        String marker = "AgentMain unit --name " + unit + " ";
        List<ProcessHandle> orphans = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && c.contains(unitDir.toString())).orElse(false))
                .toList();
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
