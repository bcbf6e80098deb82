package org.juju.agents.unit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.juju.agents.hook.HookRunner;
import org.juju.agents.hook.ToolServer;
import org.juju.agents.runtime.AgentContext;
import org.juju.state.JujuState;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.StateStore;
import org.juju.state.watch.StateWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unit agent's work: serves the hook tools on {@code agent.socket} in its directory and drives
 * {@link UnitRunner} whenever its service, its unit or its relations change (watches only mark it
 * dirty) and at least every few seconds. Once the unit is finished it stays idle until stopped.
 */
public final class UnitAgentLoop {
    private static final Logger LOG = LoggerFactory.getLogger(UnitAgentLoop.class);
    private static final Duration RESYNC = Duration.ofSeconds(5);
    private final AgentContext context;
    private final UnitName unit;

    public UnitAgentLoop(AgentContext context) {
        this.context = context;
        this.unit = context.unitName();
    }

    /** Runs until the agent is asked to stop. */
    public void run() {
        JujuState state = new JujuState(new StateStore(context.client()));
        Semaphore dirty = new Semaphore(1);
        List<StateWatcher> watchers = new ArrayList<>();
        try (ToolServer tools = ToolServer.start(context.dir().resolve("agent.socket"))) {
            HookRunner hooks = new HookRunner(tools);
            UnitRunner runner = null;
            watchers.add(StateWatcher.start(context.client(), StatePaths.service(unit.service()), s -> dirty.release()));
            watchers.add(StateWatcher.start(context.client(), StatePaths.relations(), s -> dirty.release()));
            boolean finished = false;
            while (!context.shutdown().isRequested()) {
                dirty.tryAcquire(RESYNC.toMillis(), TimeUnit.MILLISECONDS);
                dirty.drainPermits();
                if (finished || !context.connection().isConnected()) {
                    continue;
                }
                try {
                    if (runner == null) {
                        runner = new UnitRunner(state, unit, context.dir(), hooks, address(state));
                    }
                    finished = runner.converge();
                    if (finished) {
                        LOG.info("unit {} is finished; waiting to be removed", unit);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("unit round failed, will retry: {}", e.getMessage(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watchers.forEach(StateWatcher::close);
        }
    }

    /** The address of the unit's machine as the provider recorded it, else loopback. */
    private String address(JujuState state) {
        return state.units().machine(unit).flatMap(machine -> state.machines().address(machine)).orElse("127.0.0.1");
    }
}
