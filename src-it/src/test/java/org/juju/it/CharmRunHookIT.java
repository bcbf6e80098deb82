package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    void badInputIsRefusedWithOneLineAndExitTwo() throws Exception {
        JujuProcess.Result result = new JujuProcess(home).run("charm", "run-hook", FAILING_HOOK.toString(), "install",
                "--remote-unit", "mysql/0");
        assertThat(result.code()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("error: --remote-unit does not apply to hook install: it is not a relation hook\n");
    }
}
