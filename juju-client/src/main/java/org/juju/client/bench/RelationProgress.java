package org.juju.client.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.juju.agents.uniter.RelationLocal;
import org.juju.agents.uniter.StateFile;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/**
 * How far the units of a simulated environment are with a relation, read from what each unit
 * agent saved after its hooks ({@code state.yaml} in the unit's directory): a unit is done when
 * it has seen every expected remote unit join and has run the {@code -changed} hook that follows
 * each join. The agents save that file after every hook they commit, so it is the hooks' own
 * record, with no hook file needed.
 */
final class RelationProgress {
    private final Map<String, Path> stateFiles = new HashMap<>();

    private RelationProgress() {
    }

    /**
     * Finds the state file of every unit below {@code root} ({@code .../units/KEY/state.yaml}); a
     * file that vanishes during the walk ends it early, never with an exception.
     */
    static RelationProgress scan(Path root) {
        RelationProgress progress = new RelationProgress();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.getFileName().toString().equals("state.yaml")
                            && file.getParent().getParent() != null
                            && file.getParent().getParent().getFileName().toString().equals("units"))
                    .forEach(file -> progress.stateFiles.put(file.getParent().getFileName().toString(), file));
        } catch (IOException | java.io.UncheckedIOException e) {
            // A file went away while the tree was walked (the agents replace their state files
            // by renaming a temporary one): what was found so far, and the next poll scans again.
            return progress;
        }
        return progress;
    }

    /** True if every unit of {@code units} has run joined and changed for {@code remoteCount} remote units. */
    boolean allDone(List<UnitName> units, RelationId relation, int remoteCount) {
        return units.stream().allMatch(unit -> done(unit, relation, remoteCount));
    }

    private boolean done(UnitName unit, RelationId relation, int remoteCount) {
        Path file = stateFiles.get(unit.key());
        if (file == null || !Files.exists(file)) {
            return false;
        }
        try {
            RelationLocal local = StateFile.load(file).relations().get(relation);
            return local != null && local.members().size() == remoteCount && local.changedPending().isEmpty();
        } catch (RuntimeException e) {
            return false; // being replaced at this moment: asked again on the next poll
        }
    }
}
