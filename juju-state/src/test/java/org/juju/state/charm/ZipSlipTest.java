package org.juju.state.charm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.juju.state.error.CharmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Extraction must never write outside the target directory, whatever the zip says. */
class ZipSlipTest {
    @TempDir
    Path tmp;

    private Path javaZip(String... names) throws IOException {
        Path zip = tmp.resolve("evil.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : names) {
                out.putNextEntry(new ZipEntry(name));
                out.write("pwned".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "ok/../../evil", "sub/../../../evil"})
    void entryClimbingWithDotDotIsRefusedNamingIt(String name) throws IOException {
        Path zip = javaZip("metadata.yaml", name);
        Path target = tmp.resolve("a/b/target");
        assertThatThrownBy(() -> CharmBundle.extract(zip, target))
                .isInstanceOf(CharmException.class)
                .hasMessage(zip + ": refusing entry '" + name + "': it climbs out of the target directory with '..'");
        assertThat(target).doesNotExist();
        assertThat(tmp.resolve("evil")).doesNotExist();
        assertThat(tmp.resolve("a/evil")).doesNotExist();
        assertThat(tmp.resolve("a/b/evil")).doesNotExist();
    }

    @Test
    void absoluteEntryIsRefusedNamingIt() throws IOException {
        String name = tmp.resolve("absolute-evil").toString();
        Path zip = javaZip(name);
        assertThatThrownBy(() -> CharmBundle.extract(zip, tmp.resolve("target")))
                .isInstanceOf(CharmException.class)
                .hasMessage(zip + ": refusing entry '" + name + "': it is an absolute path");
        assertThat(tmp.resolve("absolute-evil")).doesNotExist();
    }

    @Test
    void symlinkPointingOutsideIsRefusedAndNothingIsLeft() throws IOException {
        Path zip = tmp.resolve("link.zip");
        CharmBundleTest.writeRawZip(zip, List.of(
                new Object[] {"a.txt", 0100644, "a"},
                new Object[] {"escape", 0120777, "../../outside"}));
        Path target = tmp.resolve("target");
        assertThatThrownBy(() -> CharmBundle.extract(zip, target))
                .isInstanceOf(CharmException.class)
                .hasMessage(zip + ": refusing symlink 'escape': its target '../../outside' is outside the target directory");
        assertThat(target).doesNotExist();
    }

    @Test
    void absoluteSymlinkIsRefused() throws IOException {
        Path zip = tmp.resolve("link.zip");
        CharmBundleTest.writeRawZip(zip, List.<Object[]>of(new Object[] {"etc", 0120777, "/etc"}));
        assertThatThrownBy(() -> CharmBundle.extract(zip, tmp.resolve("target")))
                .isInstanceOf(CharmException.class).hasMessageContaining("refusing symlink 'etc'");
    }

    @Test
    void writingThroughAChainOfInnocentLookingSymlinksIsRefused() throws IOException {
        Path zip = tmp.resolve("chain.zip");
        // a/up -> .. is the target itself; x -> a/up/../zzz looks like target/a/zzz but is target/../zzz
        CharmBundleTest.writeRawZip(zip, List.of(
                new Object[] {"a/", 040755, ""},
                new Object[] {"a/up", 0120777, ".."},
                new Object[] {"x", 0120777, "a/up/../zzz"},
                new Object[] {"x/file", 0100644, "pwned"}));
        Files.createDirectory(tmp.resolve("zzz"));
        Path target = tmp.resolve("target");
        assertThatThrownBy(() -> CharmBundle.extract(zip, target))
                .isInstanceOf(CharmException.class)
                .hasMessage(zip + ": refusing entry 'x/file': it leads outside the target directory");
        assertThat(tmp.resolve("zzz/file")).doesNotExist();
        assertThat(target).doesNotExist();
    }

    @Test
    void symlinkThatEscapesOnlyThroughALaterLinkIsRefused() throws IOException {
        Path zip = tmp.resolve("late.zip");
        CharmBundleTest.writeRawZip(zip, List.of(
                new Object[] {"a/", 040755, ""},
                new Object[] {"b", 0120777, "a/up/../zzz"},
                new Object[] {"a/up", 0120777, ".."}));
        assertThatThrownBy(() -> CharmBundle.extract(zip, tmp.resolve("target")))
                .isInstanceOf(CharmException.class)
                .hasMessage(zip + ": refusing entry 'b': it leads outside the target directory");
    }

    @Test
    void duplicateEntriesAreRefused() throws IOException {
        Path zip = tmp.resolve("dup.zip");
        CharmBundleTest.writeRawZip(zip, List.of(
                new Object[] {"hooks/install", 0100755, "a"},
                new Object[] {"hooks/install", 0100755, "b"}));
        assertThatThrownBy(() -> CharmBundle.extract(zip, tmp.resolve("target")))
                .isInstanceOf(CharmException.class).hasMessageContaining("'hooks/install': it occurs twice");
    }

    @Test
    void setuidAndWorldWritableBitsAreDropped() throws IOException {
        Path zip = tmp.resolve("modes.zip");
        CharmBundleTest.writeRawZip(zip, List.<Object[]>of(new Object[] {"hooks/install", 0104777, "x"}));
        Path target = tmp.resolve("target");
        CharmBundle.extract(zip, target);
        assertThat(Files.getPosixFilePermissions(target.resolve("hooks/install")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void zipWithoutUnixModesGetsDefaults() throws IOException {
        Path zip = javaZip("hooks/install", "README");
        Path target = tmp.resolve("target");
        CharmBundle.extract(zip, target);
        assertThat(target.resolve("hooks/install")).hasContent("pwned");
        assertThat(Files.getPosixFilePermissions(target.resolve("README")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
}
