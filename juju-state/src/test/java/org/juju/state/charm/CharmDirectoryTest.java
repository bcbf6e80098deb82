package org.juju.state.charm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.juju.state.error.CharmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharmDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void readsMetadataConfigAndRevision() {
        Path dir = TestCharms.charm(tmp.resolve("mysql"), "mysql", 7);
        Charm charm = CharmDirectory.read(dir);
        assertThat(charm.name()).isEqualTo("mysql");
        assertThat(charm.metadata().relation("db")).isPresent();
        assertThat(charm.config().option("port").orElseThrow().defaultValue()).isEqualTo(3306L);
        assertThat(charm.revision()).isEqualTo(7);
        assertThat(charm.directory()).isEqualTo(dir);
        assertThat(charm.bundle()).isFalse();
        assertThat(charm.warnings()).isEmpty();
        assertThat(charm.localUrl("precise")).hasToString("local:precise/mysql-7");
    }

    @Test
    void missingConfigGivesEmptySchema() throws IOException {
        Path dir = TestCharms.charm(tmp.resolve("mysql"), "mysql", 1);
        Files.delete(dir.resolve("config.yaml"));
        assertThat(CharmDirectory.read(dir).config()).isEqualTo(ConfigSchema.EMPTY);
    }

    @Test
    void missingRevisionFileIsAnErrorNamingTheDirectory() throws IOException {
        Path dir = TestCharms.charm(tmp.resolve("mysql"), "mysql", 1);
        Files.delete(dir.resolve("revision"));
        assertThatThrownBy(() -> CharmDirectory.read(dir))
                .isInstanceOf(CharmException.class)
                .hasMessageStartingWith(dir + ": revision file missing");
    }

    @Test
    void obsoleteRevisionInMetadataIsUsedWithAWarningWhenTheFileIsMissing() throws IOException {
        Path dir = TestCharms.charm(tmp.resolve("mysql"), "mysql", 1);
        Files.delete(dir.resolve("revision"));
        TestCharms.write(dir.resolve("metadata.yaml"), TestCharms.metadata("mysql") + "revision: 5\n");
        Charm charm = CharmDirectory.read(dir);
        assertThat(charm.revision()).isEqualTo(5);
        assertThat(charm.warnings()).hasSize(2).last().asString()
                .isEqualTo(dir + ": no revision file: using the obsolete 'revision: 5' from metadata.yaml");
    }

    @Test
    void revisionFileWinsOverMetadataRevision() {
        Path dir = TestCharms.charm(tmp.resolve("mysql"), "mysql", 9);
        TestCharms.write(dir.resolve("metadata.yaml"), TestCharms.metadata("mysql") + "revision: 5\n");
        assertThat(CharmDirectory.read(dir).revision()).isEqualTo(9);
    }

    @Test
    void badRevisionFileIsRefused() {
        Path dir = TestCharms.charm(tmp.resolve("mysql"), "mysql", 1);
        TestCharms.write(dir.resolve("revision"), "three\n");
        assertThatThrownBy(() -> CharmDirectory.read(dir))
                .isInstanceOf(CharmException.class)
                .hasMessage(dir.resolve("revision") + ": expected the charm revision (a non-negative integer), found 'three'");
    }

    @Test
    void setRevisionRewritesTheRevisionFile() throws IOException {
        Path dir = TestCharms.charm(tmp.resolve("mysql"), "mysql", 1);
        CharmDirectory.setRevision(dir, 12);
        assertThat(CharmDirectory.read(dir).revision()).isEqualTo(12);
        assertThat(Files.readString(dir.resolve("revision"))).isEqualTo("12\n");
        assertThatThrownBy(() -> CharmDirectory.setRevision(dir, -1)).isInstanceOf(CharmException.class);
    }

    @Test
    void missingDirectoryOrMetadataIsRefused() throws IOException {
        assertThatThrownBy(() -> CharmDirectory.read(tmp.resolve("nope")))
                .isInstanceOf(CharmException.class).hasMessage(tmp.resolve("nope") + ": charm directory not found");
        Path dir = TestCharms.charm(tmp.resolve("mysql"), "mysql", 1);
        Files.delete(dir.resolve("metadata.yaml"));
        assertThatThrownBy(() -> CharmDirectory.read(dir))
                .isInstanceOf(CharmException.class).hasMessage(dir + ": not a charm: metadata.yaml is missing");
    }

    @Test
    void metadataErrorsNameTheFullPath() {
        Path dir = TestCharms.charm(tmp.resolve("mysql"), "mysql", 1);
        TestCharms.write(dir.resolve("metadata.yaml"), "name: mysql\nsummary: s\n");
        assertThatThrownBy(() -> CharmDirectory.read(dir))
                .isInstanceOf(CharmException.class)
                .hasMessage(dir.resolve("metadata.yaml") + ": missing required key 'description'");
    }

    @Test
    void configErrorsNameTheFullPath() {
        Path dir = TestCharms.charm(tmp.resolve("mysql"), "mysql", 1);
        TestCharms.write(dir.resolve("config.yaml"), "options:\n  port: {type: int, default: x}\n");
        assertThatThrownBy(() -> CharmDirectory.read(dir))
                .isInstanceOf(CharmException.class)
                .hasMessage(dir.resolve("config.yaml") + ": option 'port': default 'x' is not an int");
    }

    @Test
    void hookThatIsNotExecutableIsWarnedAbout() {
        Path dir = TestCharms.charm(tmp.resolve("mysql"), "mysql", 1);
        TestCharms.write(dir.resolve("hooks/start"), "#!/bin/sh\n");
        assertThat(CharmDirectory.read(dir).warnings())
                .containsExactly(dir.resolve("hooks/start") + ": hook is not executable and will not run");
    }
}
