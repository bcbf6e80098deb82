package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The original scheduler's coalescing table, row by row, in level-triggered form: the remote
 * changes of a row all happen between two decisions, and the hooks then run are the row's result.
 */
class CoalescingTableTest {
    private static final String JOINED = "db-relation-joined db:0 mysql/0";
    private static final String CHANGED = "db-relation-changed db:0 mysql/0";
    private static final String DEPARTED = "db-relation-departed db:0 mysql/0";

    static Stream<Arguments> rows() {
        Consumer<Remote> absent = remote -> { };
        Consumer<Remote> joinedAtV0 = remote -> remote.member(0, "mysql/0", 0);
        return Stream.of(
                row("joined", "changed", absent,
                        remote -> remote.member(0, "mysql/0", 0).member(0, "mysql/0", 1),
                        List.of(JOINED + " v1", CHANGED + " v1")),
                row("joined", "departed", absent,
                        remote -> remote.member(0, "mysql/0", 0).leave(0, "mysql/0"),
                        List.of()),
                row("changed", "changed", joinedAtV0,
                        remote -> remote.member(0, "mysql/0", 1).member(0, "mysql/0", 2),
                        List.of(CHANGED + " v2")),
                row("changed", "departed", joinedAtV0,
                        remote -> remote.member(0, "mysql/0", 1).leave(0, "mysql/0"),
                        List.of(DEPARTED)),
                row("departed", "joined", joinedAtV0,
                        remote -> remote.leave(0, "mysql/0").member(0, "mysql/0", 1),
                        List.of(CHANGED + " v1")),
                // A departed unit's settings are no longer watched: its later writes cannot show.
                row("departed", "changed", joinedAtV0,
                        remote -> remote.member(0, "mysql/0", 1).leave(0, "mysql/0"),
                        List.of(DEPARTED)),
                // Level-triggered refinement: a unit back with the settings already delivered needs nothing.
                row("departed", "joined, settings unchanged", joinedAtV0,
                        remote -> remote.leave(0, "mysql/0").member(0, "mysql/0", 0),
                        List.of()));
    }

    private static Arguments row(String pending, String arriving, Consumer<Remote> before,
                                 Consumer<Remote> changes, List<String> expected) {
        return Arguments.of(pending, arriving, expected, before, changes);
    }

    @ParameterizedTest(name = "pending {0} + new {1} gives {2}")
    @MethodSource("rows")
    void coalescesLikeTheOriginalScheduler(String pending, String arriving, List<String> expected,
                                           Consumer<Remote> before, Consumer<Remote> changes) {
        Agent agent = new Agent();
        Remote remote = new Remote().relation(0, "db");
        before.accept(remote);
        agent.runAll(remote);

        changes.accept(remote);

        assertThat(agent.runAll(remote)).containsExactlyElementsOf(expected);
        assertThat(agent.local.relations().get(Remote.rel(0)).members()).isEqualTo(remote.members(0));
    }
}
