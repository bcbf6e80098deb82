package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juju.agents.uniter.Remote.rel;
import static org.juju.agents.uniter.Remote.unit;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Illegal hook sequences are refused, like Go Juju's {@code relation.State.Validate}. */
class ValidationTest {
    private static final Hook JOINED_0 = Hook.joined(rel(0), "db", unit("mysql/0"), 0);
    private static final Hook CHANGED_0 = Hook.changed(rel(0), "db", unit("mysql/0"), 0);
    private static final Hook JOINED_1 = Hook.joined(rel(0), "db", unit("mysql/1"), 0);

    private LocalState started;

    @BeforeEach
    void boot() {
        Agent agent = new Agent();
        agent.runAll(new Remote().relation(0, "db"));
        started = agent.local;
    }

    static Stream<Arguments> illegal() {
        return Stream.of(
                Arguments.of("joined twice", (UnaryOperator<LocalState>) s -> run(run(s, JOINED_0), CHANGED_0), JOINED_0),
                Arguments.of("changed before joined", UnaryOperator.<LocalState>identity(), CHANGED_0),
                Arguments.of("departed before joined", UnaryOperator.<LocalState>identity(),
                        Hook.departed(rel(0), "db", unit("mysql/0"))),
                Arguments.of("broken while members remain",
                        (UnaryOperator<LocalState>) s -> run(run(s, JOINED_0), CHANGED_0), Hook.broken(rel(0), "db")),
                Arguments.of("another unit's hook before the post-join changed",
                        (UnaryOperator<LocalState>) s -> run(s, JOINED_0), JOINED_1),
                Arguments.of("stop while relations remain", UnaryOperator.<LocalState>identity(), Hook.stop()),
                Arguments.of("install twice", UnaryOperator.<LocalState>identity(), Hook.install(Remote.CHARM)),
                Arguments.of("start twice", UnaryOperator.<LocalState>identity(), Hook.start()),
                Arguments.of("a hook of an unknown relation", UnaryOperator.<LocalState>identity(),
                        Hook.broken(rel(9), "db")));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("illegal")
    void refusesIllegalSequences(String what, UnaryOperator<LocalState> before, Hook hook) {
        LocalState state = before.apply(started);
        assertThatThrownBy(() -> state.started(hook)).as("when started").isInstanceOf(IllegalStateException.class);
        LocalState forced = new LocalState(state.installed(), state.started(), state.stopped(), state.charmUrl(),
                state.configVersion(), Operation.pending(hook), state.resolvedVersion(), state.relations());
        assertThatThrownBy(() -> forced.succeeded(hook)).as("when succeeded").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesRecordingAHookThatIsNotThePendingOne() {
        LocalState running = started.started(JOINED_0);
        assertThatThrownBy(() -> running.succeeded(JOINED_1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> running.failed(JOINED_1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> started.succeeded(JOINED_0)).as("never started")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesStartingASecondHookWhileOneIsInFlight() {
        LocalState running = started.started(JOINED_0);
        assertThatThrownBy(() -> running.started(JOINED_1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesHooksOfARelationInErrorAndUnitHooksOfAUnitInError() {
        LocalState relationError = started.started(JOINED_0).failed(JOINED_0);
        assertThatThrownBy(() -> relationError.started(JOINED_0)).isInstanceOf(IllegalStateException.class);
        LocalState unitError = started.started(Hook.configChanged(1)).failed(Hook.configChanged(1));
        assertThatThrownBy(() -> unitError.started(JOINED_0)).isInstanceOf(IllegalStateException.class);
        assertThat(unitError.started(Hook.upgradeCharm("local:precise/wordpress-2")).operation().isPending())
                .as("only a forced upgrade may start in error").isTrue();
    }

    @Test
    void refusesResolvingAHookThatDidNotFail() {
        assertThatThrownBy(() -> started.skipFailed(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> started.apply(Resolution.retry(JOINED_0, 1))).isInstanceOf(IllegalStateException.class);
    }

    private static LocalState run(LocalState state, Hook hook) {
        return state.started(hook).succeeded(hook);
    }
}
