package org.juju.agents.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.juju.state.codec.YamlCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    private static final ZooKeeperLimits.Result LIMITS = new ZooKeeperLimits.Result(1000, 64, 200,
            new Percentiles(1000, 0.5, 1.0, 1.5, 3.0, 9.0, 1.1), new Percentiles(1000, 0.1, 0.2, 0.3, 0.5, 2.0, 0.25),
            1000.0, 10_000.0);

    static BenchReport report() {
        return new BenchReport("Debian 12, 2 cores, OpenJDK 17", "bin/juju-bench --units 100,1000", LIMITS, List.of(
                run(100, 2_000, 500),
                run(1000, 15_000, 1_500)));
    }

    private static BenchReport.Run run(int units, double deployMillis, double statusMillis) {
        ZooKeeperCounters.Delta deploy = new ZooKeeperCounters.Delta(units * 12L, units * 40L, 0, 0, units * 12L, units * 41L,
                units * 8L, units * 3L, 0, 0, units * 5L, units * 900L);
        return new BenchReport.Run(units, List.of(
                new BenchReport.Phase("deploy", Percentiles.ofMillis(List.of(deployMillis / 2, deployMillis)), deployMillis, deploy),
                new BenchReport.Phase("status", null, statusMillis, null)),
                new TreeSurvey.Znode("/topology", units * 30), units * 1000L, units * 50_000L, -1,
                List.of(new DeployStages.Stage("assigned", units, Percentiles.ofMillis(List.of(1.0, 2.0))),
                        new DeployStages.Stage("started", units, Percentiles.ofMillis(List.of(3.0, deployMillis / 1000)))),
                units == 100 ? -1 : 300L * 1024 * 1024);
    }

    @Test
    void ratioToLimitDividesByTheTimeTheServerNeedsForTheSameOperations() {
        BenchReport.Phase phase = report().runs().get(0).phases().get(0);
        // 1,200 writes at 1,000/s + 4,000 reads at 10,000/s = 1.6 s; the phase took 2 s.
        assertThat(phase.ratioToLimit(LIMITS)).isCloseTo(1.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report().runs().get(0).phases().get(1).ratioToLimit(LIMITS)).isNaN();
    }

    @Test
    void jsonCarriesEveryFigure() {
        Map<String, Object> json = YamlCodec.parseMap(report().toJson(), "report");
        assertThat(json).containsEntry("machine", "Debian 12, 2 cores, OpenJDK 17");
        assertThat((Map<String, Object>) json.get("limits")).containsEntry("writesPerSecond", 1000.0);
        List<Map<String, Object>> runs = (List<Map<String, Object>>) json.get("runs");
        assertThat(runs).extracting(r -> r.get("units")).containsExactly(100, 1000);
        Map<String, Object> deploy = ((List<Map<String, Object>>) runs.get(1).get("phases")).get(0);
        assertThat(deploy).containsEntry("name", "deploy").containsEntry("totalMillis", 15000.0);
        assertThat((Map<String, Object>) deploy.get("zookeeperPerUnit")).containsEntry("writes", 12.0);
        assertThat((Map<String, Object>) runs.get(1).get("biggestZnode")).containsEntry("bytes", 30_000);
        assertThat(runs).extracting(r -> ((Number) r.get("zookeeperRssBytes")).longValue())
                .containsExactly(-1L, 300L * 1024 * 1024);
        Map<String, Object> status = ((List<Map<String, Object>>) runs.get(1).get("phases")).get(1);
        assertThat(status).containsEntry("perUnitMillis", null).containsEntry("ratioToLimit", null);
        List<Map<String, Object>> stages = (List<Map<String, Object>>) runs.get(1).get("deployStages");
        assertThat(stages).extracting(stage -> stage.get("stage")).containsExactly("assigned", "started");
        assertThat((Map<String, Object>) stages.get(1).get("reachedSeconds")).containsEntry("max", 15.0);
    }

    @Test
    void markdownHasARowPerPhaseAndRun() {
        String markdown = report().toMarkdown();
        assertThat(markdown).contains("Measured on: Debian 12, 2 cores, OpenJDK 17")
                .contains("`bin/juju-bench --units 100,1000`")
                .contains("write p50 1.00 ms, p99 3.00 ms, 1,000 writes/s")
                .contains("| 1,000 | deploy | 7,500 | 15,000 | 15.00 | 12.00 | 40.00 | 8.00 | 0.94 |")
                .contains("| 100 | status | – | – | 0.50 | – | – | – | – |")
                .contains("| 1,000 | `/topology` | 30,000 | 976.6 KB | 300.0 MB | 48,828.1 KB | – |")
                .contains("| 100 | `/topology` | 3,000 | 97.7 KB | – | 4,882.8 KB | – |")
                .contains("| 100 | assigned | 1.0 | 2.0 | 2.0 |")
                .contains("| 1,000 | started | 3.0 | 15.0 | 15.0 |");
    }

    @Test
    void chartIsAPngOfTheRequestedSizeWithALinePerPhase(@TempDir Path dir) throws Exception {
        for (boolean logScale : new boolean[] {false, true}) {
            Path png = dir.resolve("chart-" + logScale + ".png");
            report().writeChart(png, logScale);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).isNotNull();
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(500);
            assertThat(countPixels(image, 0x1f77b4)).as("first phase's colour").isGreaterThan(50);
            assertThat(countPixels(image, 0xd62728)).as("second phase's colour").isGreaterThan(50);
        }
    }

    @Test
    void docsUpdateIsIdempotentAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("benchmarks.md");
        String head = "# Benchmarks\n\nBy hand.\n\n";
        String tail = "\n\n## Other\n\nAlso by hand.\n";
        Files.writeString(doc, head + DocsSection.START + "\n" + DocsSection.END + tail);
        report().updateDocs(doc, "bench/juju-bench.png");
        String once = Files.readString(doc);
        report().updateDocs(doc, "bench/juju-bench.png");
        assertThat(Files.readString(doc)).isEqualTo(once);
        assertThat(once).startsWith(head + DocsSection.START).endsWith(DocsSection.END + tail)
                .contains(report().toMarkdown()).contains("![juju-bench: time against N](bench/juju-bench.png)");
    }

    private static int countPixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
