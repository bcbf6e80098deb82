package org.juju.state.charm.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.juju.state.charm.CharmBundle;
import org.juju.state.charm.CharmDirectory;
import org.juju.state.error.CharmException;
import org.juju.state.error.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check of {@link CharmProof} on a charm written to a temporary directory, one defect at a time. */
class CharmProofTest {
    private static final String METADATA = "name: tester\nsummary: A charm to test proof\ndescription: Checks.\n"
            + "provides:\n  website: http\n";
    private static final String HOOK = "#!/bin/sh\necho ran\n";

    @TempDir
    Path tmp;
    Path charm;

    @BeforeEach
    void writeValidCharm() throws IOException {
        charm = Files.createDirectories(tmp.resolve("tester"));
        write("metadata.yaml", METADATA);
        write("config.yaml", "options:\n  port: {type: int, default: 80, description: The port.}\n");
        write("revision", "3\n");
        for (String hook : new String[] {"install", "start", "website-relation-joined"}) {
            hook(hook, HOOK);
        }
    }

    private Path write(String name, String text) throws IOException {
        Path path = charm.resolve(name);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, text);
    }

    private Path hook(String name, String text) throws IOException {
        Path path = write("hooks/" + name, text);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    private ProofReport proof() {
        return CharmProof.check(charm);
    }

    @Test
    void aValidCharmHasNoFindingsAndDeploysAndBundles() {
        ProofReport report = proof();

        assertThat(report.findings()).isEmpty();
        assertThat(report.charmName()).isEqualTo("tester");
        assertThat(CharmDirectory.read(charm).revision()).isEqualTo(3);
        assertThat(CharmBundle.write(charm, tmp.resolve("tester.charm")).size()).isPositive();
    }

    @Test
    void aMissingMetadataStillLetsTheHookChecksRun() throws IOException {
        Files.delete(charm.resolve("metadata.yaml"));
        Files.setPosixFilePermissions(charm.resolve("hooks/install"), PosixFilePermissions.fromString("rw-r--r--"));

        ProofReport report = proof();

        assertThat(report.codes()).containsExactly("metadata-missing", "hook-not-executable");
        assertThat(report.charmName()).isNull();
    }

    @Test
    void unparseableMetadataIsAnErrorAndHookFileChecksStillRun() throws IOException {
        write("metadata.yaml", "name: tester\nsummary: [unclosed\n");
        hook("start", "echo no shebang\n");

        ProofReport report = proof();

        assertThat(report.codes()).containsExactly("metadata-unparseable", "hook-no-shebang");
        assertThat(report.errors().get(0).message()).contains("line").doesNotStartWith("metadata.yaml");
        assertThat(report.charmName()).isNull();
    }

    @Test
    void missingSummaryIsAnErrorAndTheRestIsStillValidated() throws IOException {
        write("metadata.yaml", "name: tester\ndescription: ''\nprovides:\n  website: {interface: http, scope: nowhere}\n");

        ProofReport report = proof();

        assertThat(report.codes()).containsExactly("summary-missing", "metadata-invalid", "description-empty");
        assertThat(report.errors().get(1).message()).contains("provides.website.scope");
    }

    @Test
    void reservedAndInvalidRelationNamesAreEachReportedAndTheMetadataOtherwiseParses() throws IOException {
        write("metadata.yaml", METADATA + "requires:\n  juju-db: mysql\n  Bad_Name: mysql\n");

        ProofReport report = proof();

        assertThat(report.codes()).containsExactly("relation-name-reserved", "relation-name-invalid");
        assertThat(report.errors().get(0).message()).contains("requires.juju-db").contains("reserved");
        assertThat(report.errors().get(1).message()).contains("Bad_Name");
        assertThat(report.charmName()).isEqualTo("tester");
        assertThatThrownBy(() -> CharmDirectory.read(charm)).isInstanceOf(CharmException.class);
    }

    @Test
    void metadataWarningsOfTheParserAreKept() throws IOException {
        write("metadata.yaml", METADATA + "colour: blue\n");

        assertThat(proof().warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("metadata-warning");
            assertThat(w.message()).contains("unknown key 'colour'");
        });
    }

    @Test
    void unparseableConfigIsAnError() throws IOException {
        write("config.yaml", "options: [oops\n");

        assertThat(proof().codes()).containsExactly("config-unparseable");
    }

    @Test
    void everyWrongDefaultAndBadOptionIsReported() throws IOException {
        write("config.yaml", "options:\n"
                + "  port: {type: int, default: eighty, description: p}\n"
                + "  debug: {type: boolean, default: 3, description: d}\n"
                + "  mode: {type: colour, description: m}\n"
                + "  name: {type: string}\n");

        ProofReport report = proof();

        assertThat(report.codes()).containsExactly("config-default-wrong-type", "config-default-wrong-type",
                "config-option-invalid", "config-option-no-description");
        assertThat(report.errors().get(0).message()).contains("port").contains("an int");
        assertThat(report.errors().get(2).message()).contains("unknown type 'colour'");
        assertThat(report.warnings().get(0).message()).contains("'name'");
        assertThatThrownBy(() -> CharmDirectory.read(charm)).hasMessageContaining("port");
    }

    @Test
    void anInvalidConfigShapeIsAnError() throws IOException {
        write("config.yaml", "settings: {}\n");

        assertThat(proof().codes()).containsExactly("config-invalid");
    }

    @Test
    void aMissingRevisionIsAnErrorUnlessMetadataHasTheObsoleteKey() throws IOException {
        Files.delete(charm.resolve("revision"));
        assertThat(proof().errors()).extracting(Finding::code).containsExactly("revision-missing");

        write("metadata.yaml", METADATA + "revision: 4\n");
        ProofReport report = proof();
        assertThat(report.errors()).isEmpty();
        assertThat(report.codes()).containsExactlyInAnyOrder("revision-missing", "metadata-warning");
    }

    @Test
    void aRevisionThatIsNotANonNegativeIntegerIsAnError() throws IOException {
        for (String text : new String[] {"-1", "one", "1.5", ""}) {
            write("revision", text);
            assertThat(proof().codes()).as(text).containsExactly("revision-invalid");
        }
    }

    @Test
    void noHooksDirectoryIsAWarningAndAHooksFileAnError() throws IOException {
        for (String hook : new String[] {"install", "start", "website-relation-joined"}) {
            Files.delete(charm.resolve("hooks/" + hook));
        }
        Files.delete(charm.resolve("hooks"));
        assertThat(proof().codes()).containsExactly("hooks-missing");

        write("hooks", "not a directory");
        assertThat(proof().codes()).containsExactly("hooks-not-directory");
    }

    @Test
    void aHookWithoutTheOwnerExecuteBitIsAnError() throws IOException {
        Files.setPosixFilePermissions(charm.resolve("hooks/start"), PosixFilePermissions.fromString("rw-r-xr-x"));

        assertThat(proof().errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("hook-not-executable");
            assertThat(e.file()).isEqualTo("hooks/start");
            assertThat(e.toString()).isEqualTo("E: hooks/start: not executable (chmod +x hooks/start)");
        });
    }

    @Test
    void theFirstLineMustNameAnInterpreterThatExists() throws IOException {
        hook("install", "echo no shebang\n");
        hook("start", "#!/no/such/shell\necho\n");
        hook("website-relation-joined", "#!/usr/bin/env no-such-program-here\necho\n");

        ProofReport report = proof();

        assertThat(report.codes()).containsExactly("hook-no-shebang", "hook-interpreter-missing",
                "hook-interpreter-missing");
        assertThat(report.warnings().get(0).message()).contains("/no/such/shell");
        assertThat(report.warnings().get(1).message()).contains("no-such-program-here");
    }

    @Test
    void aShebangLineWithADosLineEndIsAnError() throws IOException {
        hook("install", "#!/bin/sh\r\necho\r\n");

        assertThat(proof().codes()).containsExactly("hook-crlf");
    }

    @Test
    void anElfBinaryNeedsNoShebangAndAnEnvInterpreterOnThePathIsFine() throws IOException {
        hook("install", "\u007fELF binary");
        hook("start", "#!/usr/bin/env sh\necho\n");

        assertThat(proof().findings()).isEmpty();
    }

    @Test
    void hookNamesAreCheckedAgainstTheMetadata() throws IOException {
        write("metadata.yaml", METADATA + "requires:\n  db: mysql\n");
        Files.delete(charm.resolve("hooks/start"));
        hook("cache-relation-changed", HOOK);
        hook("instal", HOOK);
        write("hooks/common.sh", "helpers\n");

        ProofReport report = proof();

        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).extracting(Finding::code, Finding::file).containsExactly(
                tuple("hook-unknown-relation", "hooks/cache-relation-changed"),
                tuple("hook-unknown-name", "hooks/common.sh"),
                tuple("hook-unknown-name", "hooks/instal"),
                tuple("relation-without-hooks", "metadata.yaml"),
                tuple("start-hook-missing", "hooks/start"));
        assertThat(report.warnings().get(3).message()).contains("'db'");
    }

    @Test
    void symlinksLeavingTheCharmAreErrorsAsTheBundleRefusesThem() throws IOException {
        Files.createSymbolicLink(charm.resolve("hooks/stop"), Path.of("/bin/true"));
        Files.createDirectories(charm.resolve("files"));
        Files.createSymbolicLink(charm.resolve("files/up"), Path.of("../../elsewhere"));
        Files.createSymbolicLink(charm.resolve("hooks/config-changed"), Path.of("install"));

        ProofReport report = proof();

        assertThat(report.errors()).extracting(Finding::code, Finding::file).containsExactly(
                tuple("symlink-escapes-charm", "files/up"),
                tuple("symlink-escapes-charm", "hooks/stop"));
        assertThat(report.warnings()).isEmpty();
        assertThatThrownBy(() -> CharmBundle.write(charm, tmp.resolve("out.charm")))
                .hasMessageContaining("points outside the charm");
    }

    @Test
    void entriesTheBundleLeavesOutAreNotChecked() throws IOException {
        Files.createDirectories(charm.resolve(".git"));
        Files.createSymbolicLink(charm.resolve(".git/link"), Path.of("/etc"));
        Files.createDirectories(charm.resolve("build"));
        Files.createSymbolicLink(charm.resolve("build/link"), Path.of("/etc"));
        Files.createSymbolicLink(charm.resolve(".hidden"), Path.of("/etc"));

        assertThat(proof().findings()).isEmpty();
    }

    @Test
    void aDanglingHookSymlinkIsAnError() throws IOException {
        Files.createSymbolicLink(charm.resolve("hooks/stop"), Path.of("gone"));

        assertThat(proof().codes()).containsExactly("hook-dangling-symlink");
    }

    @Test
    void aFifoCannotBeBundled() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", charm.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        assertThat(proof().codes()).containsExactly("file-not-bundleable");
    }

    @Test
    void aPathThatIsNotADirectoryIsInvalidInput() throws IOException {
        assertThatThrownBy(() -> CharmProof.check(charm.resolve("metadata.yaml")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> CharmProof.check(tmp.resolve("none")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such directory");
    }
}
