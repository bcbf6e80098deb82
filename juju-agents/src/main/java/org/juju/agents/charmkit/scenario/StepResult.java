package org.juju.agents.charmkit.scenario;

import java.util.List;
import java.util.Objects;
import org.juju.agents.charmkit.HookRun;

/**
 * One hook of a scenario, run.
 *
 * @param index       the step's index in the file's {@code hooks} list, from 0
 * @param hook        the hook's name
 * @param run         what the hook did
 * @param differences how it differed from what was expected; empty if as expected
 */
public record StepResult(int index, String hook, HookRun run, List<String> differences) {
    public StepResult {
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(run, "run");
        differences = List.copyOf(differences);
    }

    public boolean passed() {
        return differences.isEmpty();
    }

    /** {@code step 2 (kv-relation-changed)}, as failure messages name it. */
    public String label() {
        return label(index, hook);
    }

    static String label(int index, String hook) {
        return "step " + index + " (" + hook + ")";
    }
}
