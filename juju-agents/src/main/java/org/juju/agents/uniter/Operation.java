package org.juju.agents.uniter;

import java.util.Objects;

/**
 * The unit's in-flight or failed hook, persisted so that a restarted agent knows what it was doing.
 *
 * @param step where the hook is
 * @param hook the hook; null exactly when {@code step} is {@link Step#NONE}
 */
public record Operation(Step step, Hook hook) {
    /** No hook in flight and no unit-level error. */
    public static final Operation NONE = new Operation(Step.NONE, null);

    /** Where a hook is. */
    public enum Step {
        /** Nothing in flight. */
        NONE,
        /** Recorded before the hook runs and cleared when its outcome is recorded: seen on load, it
         *  means the agent died while the hook ran. */
        PENDING,
        /** A unit hook failed: the unit is in an error state until resolved. Relation hook failures
         *  are kept on their relation instead ({@link RelationLocal#inError()}). */
        FAILED
    }

    public Operation {
        Objects.requireNonNull(step, "step");
        if ((step == Step.NONE) != (hook == null)) {
            throw new IllegalArgumentException("operation " + step + " with hook " + hook);
        }
        if (step == Step.FAILED && hook.kind().isRelation()) {
            throw new IllegalArgumentException("a failed relation hook belongs to its relation: " + hook);
        }
    }

    public static Operation pending(Hook hook) {
        return new Operation(Step.PENDING, Objects.requireNonNull(hook, "hook"));
    }

    public static Operation failed(Hook hook) {
        return new Operation(Step.FAILED, Objects.requireNonNull(hook, "hook"));
    }

    public boolean isPending() {
        return step == Step.PENDING;
    }

    public boolean isFailed() {
        return step == Step.FAILED;
    }
}
