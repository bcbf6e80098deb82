package org.juju.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSupervisorTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(60));
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final List<ProcessSupervisor> supervisors = new ArrayList<>();

    @AfterEach
    void stopAll() {
        supervisors.forEach(ProcessSupervisor::stop);
        supervisors.forEach(s -> assertThat(s.process()).isEmpty());
    }

    private ProcessSupervisor supervise(String script, Duration stopTimeout) {
        ChildCommand command = new ChildCommand(List.of("sh", "-c", script), Map.of("GREETING", "hello"), tmp,
                tmp.resolve("logs/child.log"));
        ProcessSupervisor supervisor = new ProcessSupervisor("test child", command, FAST, stopTimeout);
        supervisors.add(supervisor);
        supervisor.start();
        return supervisor;
    }

    private List<String> lines(String file) throws IOException {
        Path path = tmp.resolve(file);
        return Files.exists(path) ? Files.readAllLines(path) : List.of();
    }

    @Test
    void restartsAChildThatDies() throws Exception {
        ProcessSupervisor supervisor = supervise("echo started >> runs; echo \"$GREETING from $$\"; exit 3",
                Duration.ofSeconds(5));

        await().atMost(WAIT).until(() -> lines("runs").size() >= 4);

        assertThat(supervisor.starts()).isGreaterThanOrEqualTo(4);
        assertThat(lines("logs/child.log")).hasSizeGreaterThanOrEqualTo(4).allMatch(line -> line.startsWith("hello from "));
    }

    @Test
    void stopEndsTheChildWithSigtermAndNothingRestarts() throws Exception {
        ProcessSupervisor supervisor = supervise(
                "trap 'echo terminated >> events; exit 0' TERM; echo up >> events; while :; do sleep 0.05; done",
                Duration.ofSeconds(10));
        await().atMost(WAIT).until(() -> lines("events").contains("up") && supervisor.process().isPresent());
        ProcessHandle child = supervisor.process().orElseThrow();

        supervisor.stop();

        assertThat(child.isAlive()).isFalse();
        assertThat(lines("events")).containsExactly("up", "terminated");
        assertThat(supervisor.starts()).isEqualTo(1);
        assertThat(supervisor.process()).isEmpty();
    }

    @Test
    void aChildIgnoringSigtermIsKilledWithItsDescendants() throws Exception {
        ProcessSupervisor supervisor = supervise("trap '' TERM; sleep 300 & echo $! > grandchild; wait; wait",
                Duration.ofMillis(300));
        await().atMost(WAIT).until(() -> !lines("grandchild").isEmpty());
        ProcessHandle child = supervisor.process().orElseThrow();
        ProcessHandle grandchild = ProcessHandle.of(Long.parseLong(lines("grandchild").get(0))).orElseThrow();

        supervisor.stop();

        assertThat(child.isAlive()).isFalse();
        await().atMost(WAIT).until(() -> !grandchild.isAlive());
    }

    @Test
    void aChildKilledFromOutsideIsRestarted() throws Exception {
        ProcessSupervisor supervisor = supervise("echo up >> events; exec sleep 300", Duration.ofSeconds(5));
        await().atMost(WAIT).until(() -> supervisor.process().isPresent() && lines("events").size() == 1);
        ProcessHandle first = supervisor.process().orElseThrow();

        first.destroyForcibly();

        await().atMost(WAIT).until(() -> supervisor.process().filter(p -> p.pid() != first.pid()).isPresent());
        assertThat(supervisor.starts()).isEqualTo(2);
        assertThat(lines("events")).containsExactly("up", "up");
    }

    @Test
    void anAdoptedProcessIsTheFirstChildAndRestartsRunTheCommand() throws Exception {
        Process running = new ProcessBuilder("sh", "-c", "echo adopted >> events; exec sleep 300").directory(tmp.toFile()).start();
        ChildCommand command = new ChildCommand(List.of("sh", "-c", "echo started >> events; exec sleep 300"), Map.of(), tmp,
                tmp.resolve("child.log"));
        ProcessSupervisor supervisor = new ProcessSupervisor("adopting child", command, FAST, Duration.ofSeconds(5));
        supervisors.add(supervisor);

        supervisor.startAdopting(running);

        await().atMost(WAIT).until(() -> lines("events").contains("adopted"));
        assertThat(supervisor.process().map(ProcessHandle::pid)).contains(running.pid());
        assertThat(supervisor.starts()).isEqualTo(1);

        running.destroyForcibly();

        await().atMost(WAIT).until(() -> lines("events").contains("started"));
        assertThat(supervisor.process().map(ProcessHandle::pid).orElseThrow()).isNotEqualTo(running.pid());
        assertThat(supervisor.starts()).isEqualTo(2);
        assertThat(lines("events")).containsExactly("adopted", "started");
    }

    @Test
    void anAdoptedProcessIsStoppedLikeAnyChild() throws Exception {
        Process running = new ProcessBuilder("sh", "-c", "exec sleep 300").start();
        ChildCommand command = new ChildCommand(List.of("sh", "-c", "echo started >> events; exec sleep 300"), Map.of(), tmp,
                tmp.resolve("child.log"));
        ProcessSupervisor supervisor = new ProcessSupervisor("adopting child", command, FAST, Duration.ofSeconds(5));
        supervisor.startAdopting(running);
        await().atMost(WAIT).until(() -> supervisor.process().isPresent());

        supervisor.stop();

        assertThat(running.isAlive()).isFalse();
        assertThat(lines("events")).isEmpty();
    }
}
