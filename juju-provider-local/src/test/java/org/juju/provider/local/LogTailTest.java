package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @TempDir
    Path tmp;

    @Test
    void prefersAnErrorLine() throws Exception {
        Path log = Files.writeString(tmp.resolve("out"), """
                12:00:00.000 ERROR StorageDaemon: charm storage daemon failed: boom
                later output
                """);

        assertThat(LogTail.lastLine(log, 0)).isEqualTo("12:00:00.000 ERROR StorageDaemon: charm storage daemon failed: boom");
    }

    @Test
    void prefersTheDaemonsLastLineToItsSupervisorsLines() throws Exception {
        Path log = Files.writeString(tmp.resolve("out"), """
                2026-01-02 03:04:05 supervisor: started (pid 12)
                Port 23142 is busy, see the manual (Troubleshooting chapter) for details.
                2026-01-02 03:04:05 supervisor: agent exited with status 1; restarting in 1 s
                """);

        assertThat(LogTail.lastLine(log, 0)).isEqualTo("Port 23142 is busy, see the manual (Troubleshooting chapter) for details.");
    }

    @Test
    void quotesTheSupervisorWhenTheDaemonSaidNothing() throws Exception {
        Path log = Files.writeString(tmp.resolve("out"), """
                old daemon output
                2026-01-02 03:04:05 supervisor: started (pid 12)
                2026-01-02 03:04:06 supervisor: agent exited with status 127; restarting in 1 s
                """);
        long offset = "old daemon output\n".length();

        assertThat(LogTail.lastLine(log, offset)).isEqualTo("2026-01-02 03:04:06 supervisor: agent exited with status 127; restarting in 1 s");
        assertThat(LogTail.lastLine(log, Files.size(log))).isEqualTo("(no output)");
    }
}
