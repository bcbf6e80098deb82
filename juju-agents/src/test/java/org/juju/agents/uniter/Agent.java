package org.juju.agents.uniter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drives {@link Resolver} and {@link LocalState} the way the real agent does, with hooks that
 * succeed unless told otherwise, recording the hooks run.
 */
final class Agent {
    LocalState local = LocalState.fresh();
    final List<String> ran = new ArrayList<>();

    /** Applies observation and any resolution, then runs hooks until none is chosen; returns the hooks run. */
    List<String> runAll(Remote remote) {
        List<String> run = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Optional<Hook> hook = prepareNext(remote.snapshot());
            if (hook.isEmpty()) {
                return run;
            }
            run.add(succeed(hook.get()).toString());
        }
        throw new AssertionError("no convergence after 1000 hooks: " + run);
    }

    /** Runs exactly one hook successfully and returns it. */
    String runOne(Remote remote) {
        Hook hook = prepareNext(remote.snapshot()).orElseThrow(() -> new AssertionError("no hook chosen"));
        return succeed(hook).toString();
    }

    /** Runs the next hook and makes it fail; returns it. */
    Hook failNext(Remote remote) {
        Hook hook = prepareNext(remote.snapshot()).orElseThrow(() -> new AssertionError("no hook chosen"));
        local = local.started(hook).failed(hook);
        return hook;
    }

    /** Starts the next hook and "dies" while it runs; returns it. */
    Hook dieDuringNext(Remote remote) {
        Hook hook = prepareNext(remote.snapshot()).orElseThrow(() -> new AssertionError("no hook chosen"));
        local = local.started(hook);
        return hook;
    }

    /** Restarts after a death: what the agent does on load. */
    void restart() {
        local = local.recoverAfterCrash();
    }

    Optional<Hook> peek(Remote remote) {
        return Resolver.next(local, remote.snapshot());
    }

    private Optional<Hook> prepareNext(RemoteState snapshot) {
        local = local.observe(snapshot);
        Resolution resolution = Resolver.resolve(local, snapshot);
        while (resolution.action() != Resolution.Action.NONE) {
            local = local.apply(resolution);
            resolution = Resolver.resolve(local, snapshot);
        }
        return Resolver.next(local, snapshot);
    }

    private Hook succeed(Hook hook) {
        local = local.started(hook).succeeded(hook);
        ran.add(hook.toString());
        return hook;
    }
}
