package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.juju.state.codec.YamlCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code juju charm run-hook} through the real launcher ({@code bin/juju}): hooks run as real
 * processes whose tools (found beside the agents' jar, in {@code juju-agents/target/hook-tools})
 * answer from the simulated unit; no environment exists (JUJU_HOME is empty).
 */
class CharmRunHookIT {
    private static final Path WEBFRONT = JujuProcess.ROOT.resolve("charms-examples/bookworm/webfront");
    private static final Path FAILING_HOOK = Path.of("src/test/resources/charms/broken/failing-hook").toAbsolutePath();

    @TempDir
    Path home;

    @Test
    void runsTheExampleCharmsRelationHookWithItsToolsAnsweredByTheSimulatedUnit() throws Exception {
        JujuProcess.Result result = new JujuProcess(home).run("charm", "run-hook", WEBFRONT.toString(), "kv-relation-changed",
                "--remote-unit", "kvstore/0", "--remote-setting", "host=192.0.2.20", "--remote-setting", "port=7000",
                "--remote-setting", "bucket-ready=web", "--format", "json");
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.err()).as(result.toString()).isEmpty();
        Map<String, Object> report = YamlCodec.parseMap(result.out(), "output");
        assertThat(report).containsEntry("exit-code", 0).containsEntry("relation-id", "kv:0")
                .containsEntry("status", Map.of("state", "active", "message", "using 192.0.2.20:7000"))
                .containsEntry("logs", List.of(Map.of("level", "INFO", "message", "backend: kvstore/0 at 192.0.2.20:7000, bucket-ready=web")));
    }

    @Test
    void aFailingHookOfABrokenCharmExitsOneWithItsCodeAndStderrInTheReport() throws Exception {
        JujuProcess.Result result = new JujuProcess(home).run("charm", "run-hook", FAILING_HOOK.toString(), "install");
        assertThat(result.code()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).as(result.toString()).startsWith("hook: install\nexit code: 3 (")
                .contains("failure: hook install exited with code 3\n")
                .contains("juju-log:\n  ERROR install failed\n")
                .endsWith("stderr:\n  cannot install: the package is missing\n");
        assertThat(result.err()).as("the report says it all: no log lines of the runner").isEmpty();
    }

    @Test
    void killedWhileTheHookRunsItKillsTheHookAndDeletesTheWorkingCopy() throws Exception {
        Path charm = Files.createDirectories(home.resolve("sleeper/hooks")).getParent();
        Files.writeString(charm.resolve("metadata.yaml"), "name: sleeper\nsummary: s\ndescription: its install hook sleeps\n");
        Files.writeString(charm.resolve("revision"), "1\n");
        Path started = home.resolve("started");
        Path install = charm.resolve("hooks/install");
        Files.writeString(install, "#!/bin/sh\necho \"$CHARM_DIR $$\" > " + started + ".tmp\nmv " + started + ".tmp " + started
                + "\nexec sleep 120\n");
        Files.setPosixFilePermissions(install, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder(JujuProcess.ROOT.resolve("bin/juju").toString(), "charm", "run-hook",
                charm.toString(), "install").directory(JujuProcess.ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(home.resolve("out").toFile()).redirectError(home.resolve("err").toFile());
        builder.environment().put("JUJU_HOME", home.toString());
        Process client = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(started) || !client.isAlive());
            String[] copyAndPid = Files.readString(started).trim().split(" ");
            Path copy = Path.of(copyAndPid[0]);
            long hookPid = Long.parseLong(copyAndPid[1]);
            assertThat(copy).isDirectory();

            client.destroy();   // SIGTERM, as from kill or a closed terminal
            assertThat(client.waitFor(30, TimeUnit.SECONDS)).as("the client exits").isTrue();
            assertThat(copy.getParent()).as("the working directory is deleted").doesNotExist();
            await().atMost(Duration.ofSeconds(10)).until(() -> !running(hookPid));
        } finally {
            client.destroyForcibly();
        }
    }

    /** True while a process exists and is not a zombie (the hook's parent, the client, is gone). */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        try {
            String text = Files.readString(stat);
            return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Test
    void badInputIsRefusedWithOneLineAndExitTwo() throws Exception {
        JujuProcess.Result result = new JujuProcess(home).run("charm", "run-hook", FAILING_HOOK.toString(), "install",
                "--remote-unit", "mysql/0");
        assertThat(result.code()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("error: --remote-unit does not apply to hook install: it is not a relation hook\n");
    }
}
