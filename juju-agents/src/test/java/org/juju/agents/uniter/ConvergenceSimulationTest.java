package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random remote changes interleaved with hooks that succeed, fail or die mid-run, resolved requests
 * and restarts through the state file; then a quiet remote. Every hook the charm sees must keep the
 * documented guarantees, and once quiet the unit must converge on the remote state exactly.
 */
class ConvergenceSimulationTest {
    private static final String[] UNITS = {"mysql/0", "mysql/1", "mysql/2", "wordpress/1", "wordpress/2"};
    private static final String[] NAMES = {"db", "cache", "cluster"};

    @TempDir
    Path dir;

    private final Remote remote = new Remote();
    private final Guarantees guarantees = new Guarantees();
    private final List<Integer> alive = new ArrayList<>();
    private final List<Integer> dyingRelations = new ArrayList<>();
    private LocalState local = LocalState.fresh();
    private Random random;
    private int nextRelation;
    private int requests;
    private int charmRevision = 1;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1337, 20120501})
    void keepsTheGuaranteesAndConvergesOnTheRemoteState(long seed) {
        random = new Random(seed);
        for (int i = 0; i < 400; i++) {
            if (random.nextInt(100) < 45) {
                changeRemote();
            } else {
                agentStep(true);
            }
            if (i % 25 == 0) {
                restart();
            }
        }
        settle();
        assertConverged();

        remote.dying();
        settle();
        List<Hook> seen = guarantees.seen();
        assertThat(seen.get(seen.size() - 1).kind()).isEqualTo(HookKind.STOP);
        assertThat(Resolver.finished(local, remote.snapshot())).isTrue();
        assertThat(local.relations()).isEmpty();
    }

    private void changeRemote() {
        int choice = random.nextInt(100);
        if (choice < 8 || alive.isEmpty()) {
            int id = nextRelation++;
            remote.relation(id, NAMES[random.nextInt(NAMES.length)]);
            alive.add(id);
        } else if (choice < 12) {
            Integer id = alive.remove(random.nextInt(alive.size()));
            if (random.nextBoolean()) {
                remote.removeRelation(id);
            } else {
                remote.dyingRelation(id);
                dyingRelations.add(id);
            }
        } else if (choice < 14 && !dyingRelations.isEmpty()) {
            remote.removeRelation(dyingRelations.remove(random.nextInt(dyingRelations.size())));
        } else if (choice < 20) {
            remote.config(remote.config() + 1);
        } else if (choice < 23) {
            remote.charm("local:precise/wordpress-" + ++charmRevision, random.nextBoolean());
        } else {
            int id = alive.get(random.nextInt(alive.size()));
            String unit = UNITS[random.nextInt(UNITS.length)];
            Integer version = remote.members(id).get(Remote.unit(unit));
            if (version != null && random.nextInt(3) == 0) {
                remote.leave(id, unit);
            } else {
                remote.member(id, unit, version == null ? random.nextInt(3) : version + 1 + random.nextInt(2));
            }
        }
    }

    /** One iteration of the agent's loop; returns false when there was nothing to do. */
    private boolean agentStep(boolean mayFail) {
        RemoteState snapshot = remote.snapshot();
        local = local.observe(snapshot);
        Resolution resolution = Resolver.resolve(local, snapshot);
        if (resolution.action() != Resolution.Action.NONE) {
            if (resolution.action() == Resolution.Action.SKIP) {
                guarantees.skipped(resolution.hook());
            }
            local = local.apply(resolution);
            return true;
        }
        Optional<Hook> next = Resolver.next(local, snapshot);
        assertThat(Resolver.next(local, snapshot)).as("deterministic").isEqualTo(next);
        if (next.isEmpty()) {
            return requestResolutions();
        }
        Hook hook = next.get();
        local = local.started(hook);
        int outcome = mayFail ? random.nextInt(100) : 99;
        if (outcome < 8) {
            local = local.failed(hook);
        } else if (outcome < 12) {
            restart();
        } else {
            local = local.succeeded(hook);
            guarantees.ran(hook);
        }
        return true;
    }

    /** The operator's side: answer errors with juju resolved, sometimes retrying, sometimes not. */
    private boolean requestResolutions() {
        boolean requested = false;
        if (local.operation().isFailed()) {
            remote.resolved(random.nextBoolean(), ++requests);
            requested = true;
        }
        for (Map.Entry<org.juju.state.model.RelationId, RelationLocal> entry : local.relations().entrySet()) {
            if (entry.getValue().inError()) {
                remote.relationResolved(entry.getKey().value(), random.nextBoolean(), ++requests);
                requested = true;
            }
        }
        return requested;
    }

    private void restart() {
        Path file = dir.resolve("unit.yaml");
        StateFile.save(file, local);
        local = StateFile.load(file).recoverAfterCrash();
    }

    private void settle() {
        for (int i = 0; i < 10_000; i++) {
            if (!agentStep(false)) {
                return;
            }
        }
        throw new AssertionError("no convergence: " + local);
    }

    private void assertConverged() {
        RemoteState wanted = remote.snapshot();
        assertThat(local.operation()).isEqualTo(Operation.NONE);
        assertThat(local.charmUrl()).isEqualTo(wanted.charmUrl());
        assertThat(local.configVersion()).isEqualTo(wanted.configVersion());
        assertThat(local.started()).isTrue();
        assertThat(local.relations().keySet()).as("only live relations remain known")
                .containsExactlyElementsOf(alive.stream().sorted().map(Remote::rel).toList());
        local.relations().forEach((id, relation) -> {
            assertThat(relation.members()).as("relation " + id + " members and versions")
                    .isEqualTo(wanted.relations().get(id).members());
            assertThat(relation.changedPending()).isEmpty();
            assertThat(relation.inError()).isFalse();
        });
    }
}
