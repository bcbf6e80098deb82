package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTreeTest {
    @TempDir
    Path tmp;

    private Process leader;

    @AfterEach
    void killLeftovers() {
        if (leader != null) {
            ProcessTree.session(leader.pid()).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** A session whose leader started a child that started an orphan (re-parented away from the leader). */
    private List<Long> sessionWithAnOrphan(String trap) throws Exception {
        String script = trap + "; sh -c 'sleep 300 & echo $! > \"$0\"' " + tmp.resolve("orphan") + "; sleep 300 & wait";
        leader = new ProcessBuilder(DaemonLauncher.setsid().orElseThrow(), "sh", "-c", script)
                .redirectInput(new File("/dev/null")).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(tmp.resolve("orphan"))
                && !Files.readString(tmp.resolve("orphan")).isBlank()
                && ProcessTree.session(leader.pid()).size() == 3);
        long orphan = Long.parseLong(Files.readString(tmp.resolve("orphan")).trim());
        return List.of(leader.pid(), orphan);
    }

    @Test
    void aSessionIncludesProcessesThatLeftTheLeadersTree() throws Exception {
        List<Long> pids = sessionWithAnOrphan("true");
        ProcessHandle orphan = ProcessHandle.of(pids.get(1)).orElseThrow();

        assertThat(leader.descendants().map(ProcessHandle::pid)).doesNotContain(orphan.pid());
        assertThat(ProcessTree.session(leader.pid()).stream().map(ProcessHandle::pid)).contains(pids.get(0), pids.get(1));

        boolean ended = ProcessTree.terminate(ProcessTree.session(leader.pid()), Duration.ofSeconds(5),
                () -> ProcessTree.session(leader.pid()));

        assertThat(ended).isTrue();
        assertThat(ProcessTree.isRunning(orphan)).isFalse();
        assertThat(leader.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void processesIgnoringSigtermAreKilled() throws Exception {
        List<Long> pids = sessionWithAnOrphan("trap '' TERM");

        boolean ended = ProcessTree.terminate(ProcessTree.session(leader.pid()), Duration.ofMillis(200),
                () -> ProcessTree.session(leader.pid()));

        assertThat(ended).isTrue();
        assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).filter(ProcessTree::isRunning).isPresent());
    }

    @Test
    void mentionsMatchesWholePathsOnly() throws Exception {
        Process sleeper = new ProcessBuilder("sh", "-c", "sleep 300; true", "/data/machines/10",
                "/data/machines/2/agent").start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> sleeper.info().commandLine().isPresent());
            assertThat(ProcessTree.mentions(sleeper.toHandle(), Path.of("/data/machines/1"))).isFalse();
            assertThat(ProcessTree.mentions(sleeper.toHandle(), Path.of("/data/machines/10"))).isTrue();
            assertThat(ProcessTree.mentions(sleeper.toHandle(), Path.of("/data/machines/2"))).isTrue();
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
