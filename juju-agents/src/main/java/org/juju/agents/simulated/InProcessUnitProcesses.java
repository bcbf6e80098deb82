package org.juju.agents.simulated;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.juju.agents.hook.ToolServer;
import org.juju.agents.hook.UnitLogListener;
import org.juju.agents.machine.UnitProcesses;
import org.juju.agents.unit.UnitAgent;
import org.juju.state.model.UnitName;
import org.juju.state.security.Identities;

/**
 * A simulated machine's unit agents: each a real {@link UnitAgent} (its own ZooKeeper session,
 * watches and hook runner; hooks are real processes) run as an {@link InProcessAgent} in this JVM
 * instead of a child process. It authenticates with the credential file the machine agent handed
 * over into the unit's directory, as a real unit agent does. Its hook tool socket is bound only
 * while a hook runs ({@link ToolServer.Listening#WHILE_HOOKS_RUN}): this class keeps one agent per
 * unit, and thousands of idle agents in one JVM then hold no socket and no thread for it.
 * Thread-safe.
 */
final class InProcessUnitProcesses implements UnitProcesses {
    private final String zooKeeper;
    private final AgentCounter counter;
    private final Map<UnitName, InProcessAgent> agents = new ConcurrentHashMap<>();

    /** Unit agents connecting to {@code zooKeeper}, counted live in {@code counter}. */
    InProcessUnitProcesses(String zooKeeper, AgentCounter counter) {
        this.zooKeeper = zooKeeper;
        this.counter = counter;
    }

    @Override
    public void start(UnitName unit, Path unitDir) {
        agents.computeIfAbsent(unit, u -> {
            counter.started();
            return InProcessAgent.start(Identities.unit(unit), zooKeeper, unitDir,
                    context -> new UnitAgent(context, UnitLogListener.NONE, ToolServer.Listening.WHILE_HOOKS_RUN).run(),
                    counter::stopped);
        });
    }

    @Override
    public void stop(UnitName unit) {
        InProcessAgent agent = agents.remove(unit);
        if (agent != null) {
            agent.stop();
        }
    }

    @Override
    public Set<UnitName> running() {
        return Set.copyOf(agents.keySet());
    }

    /** Stops every unit agent, all at once. */
    @Override
    public void close() {
        java.util.List<InProcessAgent> stopping = java.util.List.copyOf(agents.values());
        agents.clear();
        stopping.forEach(InProcessAgent::requestStop);
        stopping.forEach(InProcessAgent::awaitStopped);
    }
}
