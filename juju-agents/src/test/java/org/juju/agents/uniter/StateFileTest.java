package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.juju.state.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateFileTest {
    @TempDir
    Path dir;

    /** A state using every field: relations with members, a pending changed, an error, versions. */
    private static LocalState busyState() {
        Agent agent = new Agent();
        Remote remote = new Remote().config(3).relation(0, "db").member(0, "mysql/0", 2).member(0, "mysql/1", 7)
                .relation(4, "cache").member(4, "memcached/0", 0).relation(5, "cluster");
        agent.runAll(remote);
        agent.runOne(remote.member(0, "mysql/2", 1));
        agent.failNext(remote.member(4, "memcached/0", 1));
        agent.dieDuringNext(remote.config(4).resolved(false, 6));
        return agent.local;
    }

    @Test
    void loadsAFreshStateWhenNoFileExists() {
        assertThat(StateFile.load(dir.resolve("unit.yaml"))).isEqualTo(LocalState.fresh());
    }

    @Test
    void roundTripsEveryField() {
        Path file = dir.resolve("unit.yaml");
        LocalState state = busyState();
        assertThat(state.operation().isPending()).isTrue();
        assertThat(state.relations().get(Remote.rel(0)).changedPending()).isNotEmpty();
        assertThat(state.relations().get(Remote.rel(0)).inError()).isTrue();

        StateFile.save(file, state);

        assertThat(StateFile.load(file)).isEqualTo(state);
        StateFile.save(file, state.recoverAfterCrash());
        assertThat(StateFile.load(file)).isEqualTo(state.recoverAfterCrash());
        StateFile.save(file, LocalState.fresh());
        assertThat(StateFile.load(file)).isEqualTo(LocalState.fresh());
    }

    @Test
    void leavesNoTemporaryFileBehind() throws IOException {
        StateFile.save(dir.resolve("unit.yaml"), busyState());
        try (var files = Files.list(dir)) {
            assertThat(files).extracting(Path::getFileName).extracting(Path::toString).containsExactly("unit.yaml");
        }
    }

    @Test
    void ignoresATemporaryFileLeftByACrashAndOverwritesItOnTheNextSave() throws IOException {
        Path file = dir.resolve("unit.yaml");
        LocalState state = busyState();
        StateFile.save(file, state);
        Files.writeString(dir.resolve("unit.yaml.tmp"), "installed: [half a wri");

        assertThat(StateFile.load(file)).isEqualTo(state);
        StateFile.save(file, LocalState.fresh());
        assertThat(StateFile.load(file)).isEqualTo(LocalState.fresh());
    }

    @ParameterizedTest(name = "refuses {0}")
    @ValueSource(strings = {
            "installed: [half a wri",
            "- a list",
            "format: 2",
            "format: 1\ncharm: x\nstarted: yes\n",
            "",
    })
    void refusesACorruptFileNamingIt(String content) throws IOException {
        Path file = dir.resolve("unit.yaml");
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> StateFile.load(file))
                .isInstanceOf(StateFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("corrupt")
                .satisfies(e -> assertThat(((StateFileException) e).code()).isEqualTo(ErrorCode.INTERNAL));
    }

    @Test
    void refusesAnImpossibleStateNamingTheFile() throws IOException {
        Path file = dir.resolve("unit.yaml");
        StateFile.save(file, LocalState.fresh());
        String text = Files.readString(file).replace("started: false", "started: true");
        Files.writeString(file, text);
        assertThatThrownBy(() -> StateFile.load(file)).isInstanceOf(StateFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not installed");
    }

    @Test
    void reportsAnUnwritableLocationNamingTheFile() {
        Path file = dir.resolve("missing-dir").resolve("unit.yaml");
        assertThatThrownBy(() -> StateFile.save(file, LocalState.fresh())).isInstanceOf(StateFileException.class)
                .hasMessageContaining(file.toString());
    }
}
