package org.juju.state.charm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipFile;
import org.juju.state.error.CharmException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharmBundleTest {
    @TempDir
    Path tmp;
    Path charm;

    @BeforeEach
    void makeCharm() throws IOException {
        charm = TestCharms.charm(tmp.resolve("mysql"), "mysql", 4);
        TestCharms.write(charm.resolve("lib/common.sh"), "helper\n");
        TestCharms.write(charm.resolve("lib/build/kept"), "only top-level build/ is left out\n");
        Files.createSymbolicLink(charm.resolve("hooks/start"), Path.of("install"));
        Files.createSymbolicLink(charm.resolve("hooks/lib"), Path.of("../lib"));
    }

    private static List<String> names(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return Collections.list(z.entries()).stream().map(e -> e.getName()).toList();
        }
    }

    @Test
    void sameContentGivesSameBytesWhateverTheFileTimes() throws IOException {
        BundleFile first = CharmBundle.write(charm, tmp.resolve("a.charm"));
        try (var files = Files.walk(charm)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000_000L));
            }
        }
        BundleFile second = CharmBundle.write(charm, tmp.resolve("b.charm"));
        assertThat(second.sha256()).isEqualTo(first.sha256()).hasSize(64).matches("[0-9a-f]+");
        assertThat(second.size()).isEqualTo(first.size()).isEqualTo(Files.size(tmp.resolve("a.charm")));
        assertThat(Files.readAllBytes(second.path())).isEqualTo(Files.readAllBytes(first.path()));
        assertThat(CharmBundle.sha256(first.path())).isEqualTo(first.sha256());
    }

    @Test
    void groupWritableBitsDoNotChangeTheBundle() throws IOException {
        String before = CharmBundle.write(charm, tmp.resolve("a.charm")).sha256();
        Files.setPosixFilePermissions(charm.resolve("metadata.yaml"), PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(CharmBundle.write(charm, tmp.resolve("b.charm")).sha256()).isEqualTo(before);
    }

    @Test
    void differentContentOrModeGivesADifferentDigest() throws IOException {
        String before = CharmBundle.write(charm, tmp.resolve("a.charm")).sha256();
        TestCharms.write(charm.resolve("lib/common.sh"), "helper!\n");
        String changed = CharmBundle.write(charm, tmp.resolve("b.charm")).sha256();
        TestCharms.executable(charm.resolve("lib/common.sh"));
        String executable = CharmBundle.write(charm, tmp.resolve("c.charm")).sha256();
        assertThat(List.of(before, changed, executable)).doesNotHaveDuplicates();
    }

    @Test
    void entriesAreSortedAndDotFilesAndTopLevelBuildAreLeftOut() throws IOException {
        TestCharms.write(charm.resolve(".bzr/branch"), "x");
        TestCharms.write(charm.resolve("hooks/.install.swp"), "x");
        TestCharms.write(charm.resolve("build/output.o"), "x");
        List<String> names = names(CharmBundle.write(charm, tmp.resolve("a.charm")).path());
        assertThat(names).isSorted().containsExactly("config.yaml", "hooks/", "hooks/install", "hooks/lib",
                "hooks/start", "lib/", "lib/build/", "lib/build/kept", "lib/common.sh", "metadata.yaml", "revision");
    }

    @Test
    void bundleWrittenInsideTheCharmLeavesItselfOut() throws IOException {
        CharmBundle.write(charm, charm.resolve("mysql.charm"));
        BundleFile again = CharmBundle.write(charm, charm.resolve("mysql.charm"));
        assertThat(names(again.path())).doesNotContain("mysql.charm");
    }

    @Test
    void unixModesAndSymlinksAreStoredLikeInfoZip() {
        BundleFile bundle = CharmBundle.write(charm, tmp.resolve("a.charm"));
        assertThat(ZipIndex.read(bundle.path())).contains(
                new ZipIndex.Entry("hooks/", 040755),
                new ZipIndex.Entry("hooks/install", 0100755),
                new ZipIndex.Entry("metadata.yaml", 0100644),
                new ZipIndex.Entry("hooks/start", 0120777));
    }

    @Test
    void extractRestoresModesSymlinksAndContent() throws IOException {
        BundleFile bundle = CharmBundle.write(charm, tmp.resolve("a.charm"));
        Path out = tmp.resolve("out");
        CharmBundle.extract(bundle.path(), out);
        assertThat(Files.getPosixFilePermissions(out.resolve("hooks/install")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(out.resolve("metadata.yaml")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(out.resolve("hooks/start")).isSymbolicLink();
        assertThat(Files.readSymbolicLink(out.resolve("hooks/start"))).isEqualTo(Path.of("install"));
        assertThat(out.resolve("hooks/lib/common.sh")).hasContent("helper");
        assertThat(out.resolve("metadata.yaml")).hasSameTextualContentAs(charm.resolve("metadata.yaml"));
        assertThat(CharmBundle.write(out, tmp.resolve("b.charm")).sha256()).isEqualTo(bundle.sha256());
    }

    @Test
    void symlinkLeadingOutsideTheCharmIsRefusedWhenWriting() throws IOException {
        Files.createSymbolicLink(charm.resolve("hooks/passwd"), Path.of("../../../etc/passwd"));
        assertThatThrownBy(() -> CharmBundle.write(charm, tmp.resolve("a.charm")))
                .isInstanceOf(CharmException.class)
                .hasMessageContaining("symlink 'hooks/passwd' points outside the charm");
        assertThat(tmp.resolve("a.charm")).doesNotExist();
    }

    @Test
    void absoluteSymlinkIsRefusedWhenWriting() throws IOException {
        Files.createSymbolicLink(charm.resolve("abs"), charm.resolve("metadata.yaml").toAbsolutePath());
        assertThatThrownBy(() -> CharmBundle.write(charm, tmp.resolve("a.charm")))
                .isInstanceOf(CharmException.class).hasMessageContaining("symlink 'abs' points outside the charm");
    }

    @Test
    void readingABundleGivesTheCharmWithoutExtracting() {
        BundleFile bundle = CharmBundle.write(charm, tmp.resolve("a.charm"));
        Charm read = CharmBundle.read(bundle.path());
        assertThat(read.metadata()).isEqualTo(CharmDirectory.read(charm).metadata());
        assertThat(read.config()).isEqualTo(CharmDirectory.read(charm).config());
        assertThat(read.revision()).isEqualTo(4);
        assertThat(read.bundle()).isTrue();
        assertThat(read.path()).isEqualTo(bundle.path());
        assertThatThrownBy(read::directory).isInstanceOf(CharmException.class);
    }

    @Test
    void readingAnInvalidBundleNamesBundleAndFile() throws IOException {
        TestCharms.write(charm.resolve("revision"), "x");
        BundleFile bundle = CharmBundle.write(charm, tmp.resolve("a.charm"));
        assertThatThrownBy(() -> CharmBundle.read(bundle.path()))
                .isInstanceOf(CharmException.class)
                .hasMessageStartingWith(bundle.path() + ": revision: expected the charm revision");
        Path notZip = tmp.resolve("not.charm");
        Files.writeString(notZip, "hello");
        assertThatThrownBy(() -> CharmBundle.read(notZip)).isInstanceOf(CharmException.class)
                .hasMessageStartingWith(notZip.toString());
    }

    @Test
    void extractRefusesANonEmptyTarget() throws IOException {
        BundleFile bundle = CharmBundle.write(charm, tmp.resolve("a.charm"));
        assertThatThrownBy(() -> CharmBundle.extract(bundle.path(), charm))
                .isInstanceOf(CharmException.class).hasMessageContaining("not empty");
    }

    @Test
    void unzipOfInfoZipReadsModesAndLinks() throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/unzip")), "no unzip");
        BundleFile bundle = CharmBundle.write(charm, tmp.resolve("a.charm"));
        Path out = Files.createDirectory(tmp.resolve("unzipped"));
        Process unzip = new ProcessBuilder("/usr/bin/unzip", "-q", bundle.path().toString(), "-d", out.toString())
                .redirectErrorStream(true).start();
        String log = new String(unzip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(unzip.waitFor()).as(log).isZero();
        assertThat(Files.isExecutable(out.resolve("hooks/install"))).isTrue();
        assertThat(out.resolve("hooks/start")).isSymbolicLink();
    }

    static void writeRawZip(Path zip, List<Object[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip)) {
            ZipWriter writer = new ZipWriter(out);
            for (Object[] e : entries) {
                writer.add((String) e[0], (Integer) e[1], ((String) e[2]).getBytes(StandardCharsets.UTF_8));
            }
            writer.finish();
        }
    }
}
