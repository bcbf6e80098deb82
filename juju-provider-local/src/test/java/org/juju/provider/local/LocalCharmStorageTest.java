package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.error.ProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalCharmStorageTest {
    private static final String KEY = "local_3a_bookworm_2f_mysql-1-abc.charm";

    @TempDir
    Path tmp;

    private LocalCharmStorage storage() {
        return new LocalCharmStorage(tmp.resolve("data/storage"));
    }

    @Test
    void putStoresACopyAndReturnsItsFileUrl() throws Exception {
        Path bundle = Files.writeString(tmp.resolve("mysql.charm"), "bundle bytes");

        String url = storage().put(KEY, bundle);

        assertThat(url).startsWith("file:/");
        Path stored = Path.of(URI.create(url));
        assertThat(stored).isEqualTo(tmp.resolve("data/storage").resolve(KEY));
        assertThat(stored).hasContent("bundle bytes");
        assertThat(tmp.resolve("data/storage")).isDirectoryContaining(p -> p.equals(stored));
        try (var entries = Files.list(tmp.resolve("data/storage"))) {
            assertThat(entries).containsExactly(stored);
        }
    }

    @Test
    void putReturnsTheDaemonsUrlWhenADaemonServesTheStorage() throws Exception {
        Path bundle = Files.writeString(tmp.resolve("mysql.charm"), "bundle bytes");
        LocalCharmStorage served = new LocalCharmStorage(tmp.resolve("data/storage"),
                () -> Optional.of(new StorageAddress("127.0.0.1", 8040)));

        String url = served.put(KEY, bundle);

        assertThat(url).isEqualTo("http://127.0.0.1:8040/" + KEY);
        assertThat(tmp.resolve("data/storage").resolve(KEY)).hasContent("bundle bytes");
    }

    @Test
    void putAsksWhereTheDaemonServesEachTime() throws Exception {
        Path bundle = Files.writeString(tmp.resolve("mysql.charm"), "bundle bytes");
        List<Optional<StorageAddress>> answers = new ArrayList<>(List.of(Optional.empty(),
                Optional.of(new StorageAddress("::1", 8040))));
        LocalCharmStorage served = new LocalCharmStorage(tmp.resolve("data/storage"), () -> answers.remove(0));

        assertThat(served.put(KEY, bundle)).as("no daemon yet").startsWith("file:/");
        assertThat(served.put(KEY, bundle)).isEqualTo("http://[::1]:8040/" + KEY);
    }

    @Test
    void getCopiesTheObjectAndCreatesParents() throws Exception {
        storage().put(KEY, Files.writeString(tmp.resolve("mysql.charm"), "bundle bytes"));
        Path target = tmp.resolve("agent/charms/mysql.charm");

        storage().get(KEY, target);

        assertThat(target).hasContent("bundle bytes");
        try (var entries = Files.list(target.getParent())) {
            assertThat(entries).containsExactly(target);
        }
    }

    @Test
    void putReplacesAnObject() throws Exception {
        storage().put(KEY, Files.writeString(tmp.resolve("one"), "first"));
        storage().put(KEY, Files.writeString(tmp.resolve("two"), "second"));
        Path target = tmp.resolve("out");
        Files.writeString(target, "old");

        storage().get(KEY, target);

        assertThat(target).hasContent("second");
    }

    @Test
    void getOfAMissingObjectIsNotFound() {
        assertThatThrownBy(() -> storage().get("nothing.charm", tmp.resolve("out")))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("charm storage has no object 'nothing.charm'");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void putOfAMissingBundleFails() {
        assertThatThrownBy(() -> storage().put(KEY, tmp.resolve("absent.charm")))
                .isInstanceOf(ProviderException.class)
                .hasMessage("cannot store '" + KEY + "' in charm storage: no such file " + tmp.resolve("absent.charm"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "..", ".", "../escape", ".hidden", "a\\b", "line\nbreak"})
    void keysMustBePlainFileNames(String key) throws Exception {
        Path bundle = Files.writeString(tmp.resolve("b"), "x");

        assertThatThrownBy(() -> storage().put(key, bundle))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("charm storage key must be a plain file name, not '")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> storage().get(key, tmp.resolve("out")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(tmp.resolve("data/storage")).doesNotExist();
    }
}
