package org.juju.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.juju.state.codec.YamlCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark end to end at a small N, to keep it working: real ZooKeeper, real agents on the
 * simulated provider. Asserts what it produced, never how fast.
 */
class JujuBenchSmokeTest {
    @TempDir
    Path out;

    @Test
    @SuppressWarnings("unchecked")
    void measuresEveryPhaseAndWritesItsResults() throws Exception {
        List<Path> inMemoryBefore = machineDirectories();
        int code = new JujuBench(JujuBench.Options.parse(new String[] {
            "--units", "6", "--units-per-machine", "3", "--relation-units", "2", "--out", out.toString(), "--docs", "-", "--timeout", "240"})).run();

        assertThat(code).as("every phase converged").isZero();
        Map<String, Object> result = (Map<String, Object>) YamlCodec.parse(Files.readString(out.resolve("juju-bench.json")), "json");
        List<Map<String, Object>> runs = (List<Map<String, Object>>) result.get("runs");
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.get("units")).isEqualTo(6);
            List<Map<String, Object>> phases = (List<Map<String, Object>>) run.get("phases");
            assertThat(phases).extracting(p -> p.get("name")).containsExactly("deploy → all started",
                    "status --format json", "status --format tabular", "add-relation (2 × 2) → joined/changed done");
            Map<String, Object> deploy = phases.get(0);
            assertThat(((Map<String, Object>) deploy.get("perUnitMillis")).get("count")).as("a start time per unit").isEqualTo(6);
            assertThat(((Number) ((Map<String, Object>) deploy.get("zookeeper")).get("writes")).longValue())
                    .as("deploying writes to the tree, counted by the server's own process").isPositive();
            assertThat(((Number) run.get("zookeeperRssBytes")).longValue()).as("the server's process measured").isPositive();
        });
        assertThat(ImageIO.read(out.resolve("juju-bench.png").toFile())).isNotNull();
        assertThat(Files.readString(out.resolve("juju-bench.md"))).contains("deploy → all started")
                .contains("simulated machines' files in memory").contains("ZooKeeper in a JVM of its own");
        assertThat(machineDirectories()).as("the machines' directories in memory are deleted").isEqualTo(inMemoryBefore);
    }

    private static List<Path> machineDirectories() throws Exception {
        try (var dirs = Files.list(Path.of(MachineDisk.MEMORY_ROOT))) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith("juju-bench-machines-")).sorted().toList();
        }
    }
}
