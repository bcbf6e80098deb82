package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookProcessFileTest {
    @TempDir
    Path unitDir;

    private Process hook;

    @AfterEach
    void killLeftovers() {
        if (hook != null) {
            hook.descendants().forEach(ProcessHandle::destroyForcibly);
            hook.destroyForcibly();
        }
    }

    private Process startHook() throws Exception {
        hook = new ProcessBuilder("sh", "-c", "sleep 300 & echo $! > child; wait").directory(unitDir.toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(unitDir.resolve("child"))
                && !Files.readString(unitDir.resolve("child")).isBlank());
        return hook;
    }

    @Test
    void aLeftoverHookIsEndedWithWhatItStarted() throws Exception {
        Process running = startHook();
        ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(unitDir.resolve("child")).trim())).orElseThrow();
        HookProcessFile.record(unitDir.resolve(HookProcessFile.FILE), running.toHandle());

        assertThat(HookProcessFile.endLeftover(unitDir)).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> !running.isAlive() && !child.isAlive());
        assertThat(unitDir.resolve(HookProcessFile.FILE)).doesNotExist();
    }

    @Test
    void aRecordWhoseStartTimeDiffersNamesAnotherProcessAndIsLeftAlone() throws Exception {
        Process running = startHook();
        Files.writeString(unitDir.resolve(HookProcessFile.FILE), running.pid() + " 12345\n");

        assertThat(HookProcessFile.endLeftover(unitDir)).isFalse();

        assertThat(running.isAlive()).isTrue();
        assertThat(unitDir.resolve(HookProcessFile.FILE)).doesNotExist();
    }

    @Test
    void noRecordOrAnEndedHookIsNothingToEnd() throws Exception {
        assertThat(HookProcessFile.endLeftover(unitDir)).isFalse();
        Process ended = new ProcessBuilder(List.of("true")).start();
        ended.waitFor();
        HookProcessFile.record(unitDir.resolve(HookProcessFile.FILE), ended.toHandle());

        assertThat(HookProcessFile.endLeftover(unitDir)).isFalse();
    }

    @Test
    void aHookRunRecordsItselfWhileItRunsOnly() throws Exception {
        try (HookFixture fixture = new HookFixture(unitDir)) {
            fixture.runHook(HookSpec.unit("install"), HookFixture.data(),
                    "cat \"$CHARM_DIR/../hook.pid\" > \"$CHARM_DIR/../seen\"; echo $$ >> \"$CHARM_DIR/../seen\"");

            List<String> seen = Files.readAllLines(unitDir.resolve("seen"));
            assertThat(seen).hasSize(2);
            assertThat(seen.get(0)).as("pid and start time").matches("\\d+ \\d+").startsWith(seen.get(1) + " ");
            assertThat(unitDir.resolve(HookProcessFile.FILE)).doesNotExist();
        }
    }
}
