package org.juju.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The benchmark's private futex hash, asked of the kernel through the JDK's foreign linker. */
class FutexHashTest {
    @Test
    void aJvmWithTheForeignLinkerGetsTheSlotsItAsksForOnAKernelThatHasPrivateHashes() throws Exception {
        String got = probe(List.of("--add-modules", "jdk.incubator.foreign", "--enable-native-access=ALL-UNNAMED"), 8192);

        assertThat(got).isEqualTo(kernelHasPrivateFutexHashes() ? "8192" : "none");
    }

    @Test
    void aJvmWithoutTheForeignLinkerAsksNothingAndGoesOn() throws Exception {
        assertThat(probe(List.of(), 8192)).isEqualTo("none");
    }

    @Test
    void onlyAPowerOfTwoIsAsked() {
        assertThatThrownBy(() -> FutexHash.request(3000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("futex hash slots must be a power of two: 3000");
    }

    @Test
    void theBenchmarkAsksABucketPerThreadRoundedUp() {
        assertThat(JujuBench.futexSlotsFor(28_000)).isEqualTo(32_768);
        assertThat(JujuBench.futexSlotsFor(2_048)).isEqualTo(2_048);
        assertThat(JujuBench.futexSlotsFor(2_049)).isEqualTo(4_096);
        assertThat(JujuBench.futexSlotsFor(10)).as("at least 1,024").isEqualTo(1_024);
    }

    /** Linux 6.17 brought the private futex hash and its prctl. */
    private static boolean kernelHasPrivateFutexHashes() {
        String[] version = System.getProperty("os.version").split("[.-]");
        int major = Integer.parseInt(version[0]);
        int minor = Integer.parseInt(version[1]);
        return major > 6 || (major == 6 && minor >= 17);
    }

    private static String probe(List<String> jvmOptions, int slots) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FutexHashProbe.class.getName(),
                Integer.toString(slots)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return output;
    }
}
