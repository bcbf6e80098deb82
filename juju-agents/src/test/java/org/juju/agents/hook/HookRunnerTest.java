package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.juju.agents.hook.HookFixture.DB;
import static org.juju.agents.hook.HookFixture.DB_CHANGED;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running hooks: finding them, their environment, their output, their processes. */
class HookRunnerTest {
    @TempDir
    Path temp;
    HookFixture fx;

    @BeforeEach
    void setUp() {
        fx = new HookFixture(temp);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void aMissingHookSucceedsWithNoChanges() {
        HookResult result = fx.run(HookSpec.unit("upgrade-charm"), HookFixture.data());

        assertThat(result.exitCode()).isZero();
        assertThat(result.failure()).isEmpty();
        assertThat(result.changes()).isEqualTo(HookChanges.none());
    }

    @Test
    void aHookThatIsNotExecutableFails() throws Exception {
        Path hook = fx.hook("install", "relation-set never=1");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rw-r--r--"));

        HookResult result = fx.run(HookSpec.unit("install"), HookFixture.data());

        assertThat(result.exitCode()).isEqualTo(HookRunner.NOT_EXECUTABLE);
        assertThat(result.failure()).hasValueSatisfying(m -> assertThat(m).contains("not executable", hook.toString()));
        assertThat(result.changes().isEmpty()).isTrue();
        assertThat(fx.log()).contains("ERROR install: hook install is not executable");
    }

    @Test
    void aHookThatCannotStartFails() throws Exception {
        Path hook = fx.charmDir.resolve("hooks/start");
        Files.writeString(hook, "#!/no/such/interpreter\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));

        HookResult result = fx.run(HookSpec.unit("start"), HookFixture.data());

        assertThat(result.exitCode()).isEqualTo(HookRunner.NOT_EXECUTABLE);
        assertThat(result.failure()).hasValueSatisfying(m -> assertThat(m)
                .isEqualTo("cannot run hook start: No such file or directory (is the interpreter on its #! line installed?)"));
    }

    @Test
    void runsAHookByItsSymlinkSoADispatcherSeesItsName() throws Exception {
        fx.hook("dispatch", "printf '%s' \"$0\" > \"$CHARM_DIR/zero\"");
        Path link = Files.createSymbolicLink(fx.charmDir.resolve("hooks/db-relation-joined"), Path.of("dispatch"));

        HookResult result = fx.run(HookSpec.relation("joined", DB, "db", HookFixture.MYSQL0), HookFixture.data());

        assertThat(result.exitCode()).isZero();
        assertThat(HookFixture.read(fx.charmDir.resolve("zero"))).isEqualTo(link.toString());
    }

    @Test
    void replacesTheEnvironment() {
        fx.runHook(DB_CHANGED, HookFixture.data(), """
                tr '\\0' '\\n' < /proc/$$/environ > "$CHARM_DIR/env"
                pwd > "$CHARM_DIR/cwd"
                readlink /proc/$$/fd/0 > "$CHARM_DIR/stdin"
                """);

        Map<String, String> env = HookFixture.environment(fx.charmDir.resolve("env"));
        assertThat(env).containsOnlyKeys("CHARM_DIR", "JUJU_UNIT_NAME", "JUJU_HOOK_NAME", "JUJU_AGENT_SOCKET", "JUJU_CLIENT_ID",
                "JUJU_RELATION", "JUJU_RELATION_ID", "JUJU_REMOTE_UNIT", "PATH", "DEBIAN_FRONTEND", "HOME", "LANG");
        assertThat(env).containsEntry("CHARM_DIR", fx.charmDir.toString())
                .containsEntry("JUJU_UNIT_NAME", "wordpress/0")
                .containsEntry("JUJU_HOOK_NAME", "db-relation-changed")
                .containsEntry("JUJU_AGENT_SOCKET", fx.server.socket().toString())
                .containsEntry("JUJU_RELATION", "db")
                .containsEntry("JUJU_RELATION_ID", "db:0")
                .containsEntry("JUJU_REMOTE_UNIT", "mysql/0")
                .containsEntry("PATH", HookTools.directory() + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .containsEntry("DEBIAN_FRONTEND", "noninteractive")
                .containsEntry("LANG", "C.UTF-8")
                .containsEntry("HOME", System.getenv("HOME"));
        assertThat(env.get("JUJU_CLIENT_ID")).matches("[0-9a-f]{32}");
        Set<String> unrelated = new HashSet<>(System.getenv().keySet());
        unrelated.removeAll(env.keySet());
        assertThat(unrelated).as("the test JVM has variables of its own").isNotEmpty();
        assertThat(env).doesNotContainKeys(unrelated.toArray(String[]::new));
        assertThat(HookFixture.read(fx.charmDir.resolve("cwd"))).isEqualTo(fx.charmDir + "\n");
        assertThat(HookFixture.read(fx.charmDir.resolve("stdin"))).isEqualTo("/dev/null\n");
    }

    @Test
    void unitHooksGetNoRelationVariablesAndBrokenAnEmptyRemoteUnit() {
        fx.runHook(HookSpec.unit("install"), HookFixture.data(), "tr '\\0' '\\n' < /proc/$$/environ > \"$CHARM_DIR/env\"");
        assertThat(HookFixture.environment(fx.charmDir.resolve("env")))
                .doesNotContainKeys("JUJU_RELATION", "JUJU_RELATION_ID", "JUJU_REMOTE_UNIT");

        fx.runHook(HookSpec.broken(DB, "db"), HookFixture.data(), "tr '\\0' '\\n' < /proc/$$/environ > \"$CHARM_DIR/env\"");
        assertThat(HookFixture.environment(fx.charmDir.resolve("env")))
                .containsEntry("JUJU_RELATION_ID", "db:0").containsEntry("JUJU_REMOTE_UNIT", "");
    }

    @Test
    void writesTheHooksOutputToTheUnitLogLineByLine() {
        fx.runHook(HookSpec.unit("install"), HookFixture.data(), """
                echo "installing"
                echo "no such package" >&2
                printf 'no newline'
                """);

        List<String> lines = fx.log().lines().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
        assertThat(lines).contains("INFO install stdout: installing", "ERROR install stderr: no such package",
                "INFO install stdout: no newline", "INFO install: running hook");
        assertThat(fx.log().lines()).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z .*"));
    }

    @Test
    void refusesToolCallsOnceTheHookHasExited() {
        HookResult result = fx.runHook(DB_CHANGED, HookFixture.data(), """
                ( sleep 0.3; relation-set late=1 2>"$CHARM_DIR/late.err"; echo $? > "$CHARM_DIR/late.rc" ) \
                  </dev/null >/dev/null 2>&1 &
                relation-set early=1
                """);

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(fx.charmDir.resolve("late.rc"))
                && !HookFixture.read(fx.charmDir.resolve("late.rc")).isEmpty());
        assertThat(HookFixture.read(fx.charmDir.resolve("late.rc"))).isEqualTo("2\n");
        assertThat(HookFixture.read(fx.charmDir.resolve("late.err"))).contains("not in a hook context");
        assertThat(result.changes().settings().get(DB)).containsOnlyKeys("early");
    }

    @Test
    void returnsEvenIfABackgroundProcessKeepsTheOutputOpen() {
        long start = System.nanoTime();
        fx.runHook(HookSpec.unit("start"), HookFixture.data(), "sleep 20 &\necho $! > \"$CHARM_DIR/pid\"\necho started");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(fx.log()).contains("INFO start stdout: started", "INFO start: hook succeeded");
        ProcessHandle.of(Long.parseLong(HookFixture.read(fx.charmDir.resolve("pid")).trim()))
                .ifPresent(ProcessHandle::destroy);
    }

    @Test
    void interruptingTheRunKillsTheHooksProcessTree() {
        fx.hook("install", """
                sleep 300 &
                echo $! > "$CHARM_DIR/pids"
                bash -c 'echo $$ >> "$CHARM_DIR/pids"; sleep 300'
                """);
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<HookResult> run = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            return fx.run(HookSpec.unit("install"), HookFixture.data());
        });
        Path pids = fx.charmDir.resolve("pids");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pids) && HookFixture.read(pids).lines().count() == 2);
        List<Long> processes = HookFixture.read(pids).lines().map(Long::parseLong).toList();
        assertThat(processes).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

        runner.get().interrupt();

        assertThatThrownBy(run::join).hasCauseInstanceOf(HookInterruptedException.class);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                processes.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }

    @Test
    void runsOneHookAtATime() throws Exception {
        fx.hook("install", """
                mkdir "$CHARM_DIR/running" || exit 9
                sleep 0.3
                rmdir "$CHARM_DIR/running"
                """);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<HookResult>> runs = threads.invokeAll(Collections.nCopies(3,
                    () -> fx.run(HookSpec.unit("install"), HookFixture.data())));

            for (Future<HookResult> run : runs) {
                assertThat(run.get().exitCode()).as("no other run of the hook was in progress").isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void everyUnitLogLineReachesTheListenerWithItsHookAndLevel() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        HookRunner runner = new HookRunner(fx.server, HookTools.directory(),
                (hookName, level, text) -> heard.add(hookName + " " + level + " " + text));
        fx.hook("install", """
                echo reading package lists
                echo 'E: package not found' >&2
                juju-log -l warning disk almost full
                exit 3
                """);

        HookResult result = runner.run(fx.charmDir, HookSpec.unit("install"), HookFixture.data(), fx.unitLog);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(heard).contains("install INFO reading package lists", "install ERROR E: package not found",
                "install WARNING disk almost full");
        assertThat(heard).anySatisfy(line -> assertThat(line).startsWith("install ERROR").contains("exit"));
        assertThat(Files.readAllLines(fx.unitLog)).hasSameSizeAs(heard);
    }
}
