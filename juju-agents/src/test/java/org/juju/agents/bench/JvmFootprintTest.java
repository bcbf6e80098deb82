package org.juju.agents.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmFootprintTest {

    @Test
    void measuresThisJvm() {
        JvmFootprint footprint = JvmFootprint.measure();
        assertThat(footprint.heapUsedBytes()).isPositive();
        assertThat(footprint.liveThreads()).isPositive();
        // Linux only: the build machine and CI have /proc.
        assertThat(footprint.rssBytes()).isGreaterThan(footprint.heapUsedBytes() / 4);
    }

    @Test
    void readsVmRssInKilobytes(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9999 kB\nVmRSS:\t  123456 kB\nThreads:\t42\n");
        assertThat(JvmFootprint.rssBytes(status)).isEqualTo(123456L * 1024);
        Files.writeString(status, "Name:\tkthread\n");
        assertThat(JvmFootprint.rssBytes(status)).isEqualTo(-1);
    }

    @Test
    void dividesTheGrowthByTheUnits() {
        JvmFootprint before = new JvmFootprint(1_000, 10, 5_000);
        JvmFootprint after = new JvmFootprint(101_000, 30, 205_000);
        assertThat(after.perUnit(before, 100))
                .containsEntry("heapBytesPerUnit", 1_000L)
                .containsEntry("threadsPerUnit", 0.2)
                .containsEntry("rssBytesPerUnit", 2_000L);
        assertThat(new JvmFootprint(1, 1, -1).perUnit(before, 1)).containsEntry("rssBytesPerUnit", -1L);
    }
}
