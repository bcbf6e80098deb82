package org.juju.client.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.client.access.MachineAccess;
import org.juju.client.access.MachineLocator;
import org.juju.state.DebugHooks;
import org.juju.state.error.NotFoundException;
import org.juju.state.error.StateUnavailableException;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Debugs a unit's hooks: records a debug-hooks request for the unit (the hooks named, or all), waits
 * for the unit's agent, then attaches the terminal to the unit's tmux session, where the agent
 * opens a window for each matching hook instead of running it. The request lasts as long as this
 * client: it is removed when the tmux client exits, and goes with this client's ZooKeeper session
 * if it is killed.
 */
@Command(name = "debug-hooks", description = "Debug a unit's hooks: each matching hook waits in a window of the"
        + " unit's tmux session, an interactive shell with the hook's environment, until you exit it.")
public final class DebugHooksCommand extends BaseCommand {
    /** How often the agent's presence is looked for while waiting for it. */
    private static final long POLL_MILLIS = 500;

    @Parameters(index = "0", paramLabel = "UNIT")
    String unit;

    @Parameters(index = "1..*", paramLabel = "HOOK", description = "Hooks to debug (install, db-relation-changed);"
            + " every hook when none is named.")
    List<String> hooks = new ArrayList<>();

    @Override
    protected int run() {
        UnitName name = UnitName.parse(unit);
        DebugHooks request = new DebugHooks(hooks);
        EnvironmentSession session = connect();
        Path dataDir;
        try {
            dataDir = MachineLocator.localDataDir(session.config(), "debug-hooks");
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        // Killed (terminal closed, SIGTERM): closing the session deletes the request at once.
        Thread closeOnExit = new Thread(session::close, "debug-hooks-close");
        boolean recorded = false;
        try {
            session.state().debugHooks().request(name, request);
            recorded = true;
            Runtime.getRuntime().addShutdownHook(closeOnExit);
            err().println("Debugging " + (request.isAll() ? "" : "hooks ") + request + " of " + name + " in tmux session "
                    + DebugHooks.sessionName(name) + ".");
            awaitAgent(session.state().store(), name);
            MachineAccess machine = new MachineLocator(session.state(), session.config().name(), dataDir).ofUnit(name);
            ProcessBuilder tmux = machine.command(machine.debugHooksAttach(name), machine.unitDir(name).resolve("charm"));
            tmux.environment().remove("TMUX");
            err().flush();
            int status = context().terminal().run(tmux);
            out().println("Stopped debugging the hooks of " + name + ": they run as usual again.");
            return status;
        } finally {
            try {
                if (recorded) {
                    removeQuietly(closeOnExit);
                    session.state().debugHooks().remove(name);
                }
            } finally {
                session.close();
            }
        }
    }

    /** Waits until the unit's agent is connected: before that, the unit may have no machine or directory. */
    private void awaitAgent(StateStore store, UnitName unit) {
        boolean said = false;
        while (!store.exists(StatePaths.unitPresence(unit))) {
            if (!store.exists(StatePaths.unit(unit))) {
                throw new NotFoundException("unit " + unit + " was removed");
            }
            if (!said) {
                err().println("Waiting for the agent of " + unit + " to come up (Ctrl-C to give up)...");
                err().flush();
                said = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StateUnavailableException("interrupted while waiting for the agent of " + unit, e);
            }
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }
}
