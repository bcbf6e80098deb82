package org.juju.agents.charmkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.juju.agents.hook.HookChanges;
import org.juju.agents.hook.HookResult;
import org.juju.agents.hook.LogLine;
import org.juju.agents.hook.WorkloadStatus;
import org.juju.provider.Port;
import org.juju.state.model.RelationId;

/**
 * What one hook run against a {@link SimulatedUnit} did.
 *
 * @param hookName       the hook's name ({@code install}, {@code db-relation-changed})
 * @param relationId     the relation of a relation hook as hooks see it ({@code db:0}), empty for a unit hook
 * @param remoteUnit     {@code JUJU_REMOTE_UNIT}, empty in unit hooks and {@code -broken}
 * @param result         the runner's result: exit code, the changes the hook buffered, duration, failure
 * @param stdout         the hook's standard output, line by line
 * @param stderr         the hook's standard error, line by line
 */
public record HookRun(String hookName, Optional<String> relationId, Optional<String> remoteUnit, HookResult result,
                      List<String> stdout, List<String> stderr) {
    public HookRun {
        Objects.requireNonNull(hookName, "hookName");
        Objects.requireNonNull(relationId, "relationId");
        Objects.requireNonNull(remoteUnit, "remoteUnit");
        Objects.requireNonNull(result, "result");
        stdout = List.copyOf(stdout);
        stderr = List.copyOf(stderr);
    }

    /** The hook's exit code: 0 on success and for a missing hook, 126 if it could not be executed. */
    public int exitCode() {
        return result.exitCode();
    }

    /** True if the hook exited 0 (or was missing): its changes were applied to the simulated unit. */
    public boolean succeeded() {
        return result.succeeded();
    }

    /** Why the run failed, in one line; empty exactly when it succeeded. */
    public Optional<String> failure() {
        return result.failure();
    }

    public Duration duration() {
        return result.duration();
    }

    /** Everything the hook asked to change through its tools (applied only if it succeeded). */
    public HookChanges changes() {
        return result.changes();
    }

    /** The settings the hook set per relation: key to value, {@code null} meaning deleted. */
    public Map<RelationId, Map<String, String>> settingsSet() {
        return result.changes().settings();
    }

    public List<Port> portsOpened() {
        return List.copyOf(result.changes().opened());
    }

    public List<Port> portsClosed() {
        return List.copyOf(result.changes().closed());
    }

    /** The last status the hook set with {@code status-set}, if any. */
    public Optional<WorkloadStatus> statusSet() {
        return result.changes().status();
    }

    /** The {@code juju-log} lines, in order. */
    public List<LogLine> logs() {
        return result.changes().logs();
    }
}
