package org.juju.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpareAgentTest {
    private static ByteArrayInputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theAssignmentIsTheArgumentsOnOneLine() {
        List<String> arguments = List.of("unit", "--name", "my sql/0", "--dir", "/data/it's");

        String line = SpareAgent.assignment(arguments);

        assertThat(line).isEqualTo("unit\t--name\tmy sql/0\t--dir\t/data/it's\n");
        assertThat(SpareAgent.awaitAssignment(input(line), Duration.ofSeconds(10))).contains(arguments);
    }

    @Test
    void argumentsThatCannotBeSentOnOneLineAreRefused() {
        assertThatThrownBy(() -> SpareAgent.assignment(List.of("unit", "a\tb"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpareAgent.assignment(List.of("unit", "a\nb"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noAssignmentAtTheEndOfInputOrOnAnEmptyLine() {
        assertThat(SpareAgent.awaitAssignment(input(""), Duration.ofSeconds(10))).isEmpty();
        assertThat(SpareAgent.awaitAssignment(input("\n"), Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void noAssignmentWithinTheIdleTime() throws Exception {
        try (PipedOutputStream parent = new PipedOutputStream(); PipedInputStream in = new PipedInputStream(parent)) {
            assertThat(SpareAgent.awaitAssignment(in, Duration.ofMillis(200))).isEmpty();
        }
    }
}
