package org.juju.state.charm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.juju.state.error.CharmException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRepositoryTest {
    @TempDir
    Path repo;
    LocalRepository repository;

    @BeforeEach
    void fillRepository() {
        TestCharms.charm(repo.resolve("precise/mysql"), "mysql", 3);
        TestCharms.charm(repo.resolve("precise/mysql-old"), "mysql", 1);
        TestCharms.charm(repo.resolve("precise/database"), "mysql", 7);
        TestCharms.charm(repo.resolve("precise/wordpress"), "wordpress", 2);
        TestCharms.charm(repo.resolve("oneiric/mysql"), "mysql", 20);
        repository = new LocalRepository(repo);
    }

    private Charm resolve(String url) {
        return repository.resolve(CharmUrl.parse(url));
    }

    @Test
    void highestRevisionOfTheSeriesWinsMatchingOnMetadataName() {
        Charm charm = resolve("local:precise/mysql");
        assertThat(charm.revision()).isEqualTo(7);
        assertThat(charm.directory()).isEqualTo(repo.resolve("precise/database"));
        assertThat(charm.localUrl("precise")).hasToString("local:precise/mysql-7");
    }

    @Test
    void exactRevisionIsFound() {
        assertThat(resolve("local:precise/mysql-1").directory()).isEqualTo(repo.resolve("precise/mysql-old"));
        assertThat(resolve("local:precise/mysql-3").directory()).isEqualTo(repo.resolve("precise/mysql"));
    }

    @Test
    void bundleFilesTakePart() {
        Path source = TestCharms.charm(repo.resolve("work/mysql"), "mysql", 9);
        CharmBundle.write(source, repo.resolve("precise/mysql-9.charm"));
        Charm charm = resolve("local:precise/mysql");
        assertThat(charm.revision()).isEqualTo(9);
        assertThat(charm.bundle()).isTrue();
        assertThat(charm.path()).isEqualTo(repo.resolve("precise/mysql-9.charm"));
    }

    @Test
    void missingRevisionIsNotFoundListingTheRevisionsThere() {
        assertThatThrownBy(() -> resolve("local:precise/mysql-5"))
                .isInstanceOf(CharmException.class)
                .hasMessage("charm 'local:precise/mysql-5' not found in repository " + repo + " (revisions found: 7, 3, 1)");
    }

    @Test
    void unknownCharmOrSeriesIsNotFound() {
        assertThatThrownBy(() -> resolve("local:precise/redis"))
                .isInstanceOf(CharmException.class)
                .hasMessage("charm 'local:precise/redis' not found in repository " + repo);
        assertThatThrownBy(() -> resolve("local:bookworm/mysql"))
                .isInstanceOf(CharmException.class)
                .hasMessage("charm 'local:bookworm/mysql' not found in repository " + repo);
    }

    @Test
    void missingRepositoryIsReported() {
        LocalRepository missing = new LocalRepository(repo.resolve("x/y"));
        assertThatThrownBy(() -> missing.resolve(CharmUrl.parse("local:precise/mysql")))
                .isInstanceOf(CharmException.class)
                .hasMessage("charm repository not found: " + repo.resolve("x/y"));
    }

    @Test
    void charmStoreUrlsAreRefused() {
        assertThatThrownBy(() -> resolve("cs:precise/mysql"))
                .isInstanceOf(CharmException.class)
                .hasMessage("the charm store is not available: deploy a local charm with --repository DIR"
                        + " and local:SERIES/NAME (asked for cs:precise/mysql)");
    }

    @Test
    void brokenCharmsWithOtherNamesAreSkipped() {
        TestCharms.write(repo.resolve("precise/aaa-broken/metadata.yaml"), "name: [\n");
        TestCharms.write(repo.resolve("precise/zzz-broken/metadata.yaml"), "name: other\nsummary: s\n");
        assertThat(resolve("local:precise/wordpress").revision()).isEqualTo(2);
    }

    @Test
    void theRequestedCharmsOwnErrorSurfaces() {
        TestCharms.write(repo.resolve("precise/wordpress/revision"), "two\n");
        assertThatThrownBy(() -> resolve("local:precise/wordpress"))
                .isInstanceOf(CharmException.class)
                .hasMessageStartingWith(repo.resolve("precise/wordpress/revision") + ": expected the charm revision");
    }

    @Test
    void brokenCopyFoundByMetadataNameIsNotSilentlyReplaced() {
        TestCharms.charm(repo.resolve("precise/mysql-next"), "mysql", 8);
        TestCharms.write(repo.resolve("precise/mysql-next/config.yaml"), "options:\n  a: {type: int, default: x}\n");
        assertThatThrownBy(() -> resolve("local:precise/mysql"))
                .isInstanceOf(CharmException.class)
                .hasMessage(repo.resolve("precise/mysql-next/config.yaml") + ": option 'a': default 'x' is not an int");
        assertThat(resolve("local:precise/mysql-3").revision()).isEqualTo(3);
    }

    @Test
    void sameNameAndRevisionTwiceTakesTheFirstEntryInNameOrder() {
        TestCharms.charm(repo.resolve("precise/aaa-copy"), "mysql", 7);
        assertThat(resolve("local:precise/mysql").directory()).isEqualTo(repo.resolve("precise/aaa-copy"));
    }
}
