package org.juju.agents.hook;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one hook run. The changes are reported whatever the exit code, so a caller can
 * inspect (and log) what a failed hook attempted; it commits them only if {@link #succeeded()}.
 *
 * @param exitCode the hook's exit status: 0 for success and for a missing hook, 128+N if killed
 *                 by signal N, 126 if the hook could not be executed
 * @param changes  everything the hook buffered through its tools
 * @param duration wall-clock time from start to exit
 * @param failure  why the run failed, in one line for humans; empty exactly when it succeeded
 */
public record HookResult(int exitCode, HookChanges changes, Duration duration, Optional<String> failure) {
    public HookResult {
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(failure, "failure");
        if ((exitCode == 0) != failure.isEmpty()) {
            throw new IllegalArgumentException("exit code " + exitCode + " and failure " + failure + " disagree");
        }
    }

    /** True if the hook exited 0 (or was missing): its changes may be committed. */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
