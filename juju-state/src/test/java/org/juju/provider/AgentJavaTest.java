package org.juju.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentJavaTest {
    @Test
    void appendsTheExtraOptionsAfterTheDefaults() {
        assertThat(AgentJava.options(List.of("-Xmx96m"), "  -XX:SharedArchiveFile=/a/b.jsa\t-Xshare:auto \n"))
                .containsExactly("-Xmx96m", "-XX:SharedArchiveFile=/a/b.jsa", "-Xshare:auto");
        assertThat(AgentJava.options(List.of("-Xmx96m"), null)).containsExactly("-Xmx96m");
        assertThat(AgentJava.options(List.of("-Xmx96m"), "   ")).containsExactly("-Xmx96m");
    }

    @Test
    void runsTheJavaOfThisJvm() {
        assertThat(Path.of(AgentJava.executable())).satisfies(java -> assertThat(Files.isExecutable(java)).isTrue());
    }
}
