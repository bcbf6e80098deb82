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

    @Test
    void optionsOfBothKindsAreParsed() {
        assertThat(SpareAgent.Options.parse(List.of("spare")))
                .isEqualTo(new SpareAgent.Options(false, java.util.Optional.empty(), SpareAgent.IDLE));
        assertThat(SpareAgent.Options.parse(List.of("spare", "--dir", "/m/1", "--idle-seconds", "0")))
                .isEqualTo(new SpareAgent.Options(false, java.util.Optional.empty(), Duration.ZERO));
        assertThat(SpareAgent.Options.parse(List.of("spare-machine", "--assignment-file", "assignment")))
                .isEqualTo(new SpareAgent.Options(true, java.util.Optional.of(java.nio.file.Path.of("assignment")),
                        SpareAgent.IDLE));
        assertThat(SpareAgent.Options.isSpare(List.of("spare-machine"))).isTrue();
        assertThat(SpareAgent.Options.isSpare(List.of("machine", "--id", "1"))).isFalse();
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> SpareAgent.Options.parse(List.of("spare-machine")))
                .isInstanceOf(org.juju.state.error.InvalidInputException.class)
                .hasMessage("spare-machine needs --assignment-file FILE");
        assertThatThrownBy(() -> SpareAgent.Options.parse(List.of("spare", "--idle-seconds", "-1")))
                .hasMessage("invalid --idle-seconds '-1' (expected 0 or more)");
        assertThatThrownBy(() -> SpareAgent.Options.parse(List.of("spare", "--assignment-file", "a")))
                .hasMessage("unknown or repeated option --assignment-file for spare");
        assertThatThrownBy(() -> SpareAgent.Options.parse(List.of("spare", "--dir")))
                .hasMessage("option --dir needs a value");
    }

    @Test
    void aSpareMachineWaitsForItsAssignmentFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path file = tmp.resolve("assignment");
        java.util.concurrent.CompletableFuture<java.util.Optional<List<String>>> waiting =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return SpareAgent.awaitAssignmentFile(file);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
        org.awaitility.Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> !waiting.isDone());

        org.juju.state.io.AtomicFiles.writeString(file, "machine\t--id\t4\t--dir\t/data/machines/4\n");

        assertThat(waiting.get(10, java.util.concurrent.TimeUnit.SECONDS))
                .contains(List.of("machine", "--id", "4", "--dir", "/data/machines/4"));
    }
}
