package org.juju.state.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheContentAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("agent.pid");
        AtomicFiles.writeString(file, "1\n");

        AtomicFiles.writeString(file, "22\n");

        assertThat(file).hasContent("22");
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void theFileGetsTheAttributesGiven() throws Exception {
        Path file = dir.resolve("secret");

        AtomicFiles.writeString(file, "x", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void replaceMovesOverAnExistingTarget() throws Exception {
        Path source = Files.writeString(dir.resolve("new"), "new");
        Path target = Files.writeString(dir.resolve("old"), "old");

        AtomicFiles.replace(source, target);

        assertThat(target).hasContent("new");
        assertThat(source).doesNotExist();
    }
}
