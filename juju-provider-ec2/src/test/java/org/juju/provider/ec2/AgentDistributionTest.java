package org.juju.provider.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentDistributionTest {
    @TempDir
    Path dir;

    @Test
    void writesAReproducibleTarballThatTarExtracts() throws Exception {
        Path a = Files.write(dir.resolve("a.jar"), new byte[1000]);
        Path tools = Files.createDirectories(dir.resolve("hook-tools"));
        Files.writeString(tools.resolve("juju-hook-tool"), "#!/bin/sh\necho tool\n");
        tools.resolve("juju-hook-tool").toFile().setExecutable(true);
        Files.createSymbolicLink(tools.resolve("relation-get"), Path.of("juju-hook-tool"));
        Path b = Files.write(dir.resolve("b.jar"), "hello".getBytes());
        Files.createDirectories(dir.resolve("classes"));
        AgentDistribution distribution = AgentDistribution.fromClasspath(
                String.join(java.io.File.pathSeparator, b.toString(), a.toString(), dir.resolve("classes").toString()));

        AgentDistribution.Archive first = distribution.write(dir.resolve("out1"));
        AgentDistribution.Archive second = distribution.write(dir.resolve("out2"));

        assertThat(distribution.jars()).containsExactly(b, a);
        assertThat(distribution.hookTools()).contains(tools);
        assertThat(first.sha256()).isEqualTo(second.sha256());
        assertThat(first.key()).isEqualTo("tools/juju-" + first.sha256().substring(0, 16) + ".tar.gz");
        Path extracted = Files.createDirectories(dir.resolve("x"));
        Process tar = new ProcessBuilder("tar", "-xzf", first.file().toString(), "-C", extracted.toString())
                .redirectErrorStream(true).start();
        assertThat(new String(tar.getInputStream().readAllBytes())).isEmpty();
        assertThat(tar.waitFor()).isZero();
        try (var files = Files.list(extracted)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(List.of("a.jar", "b.jar", "hook-tools"));
        }
        assertThat(Files.isExecutable(extracted.resolve("hook-tools/juju-hook-tool"))).isTrue();
        assertThat(Files.readSymbolicLink(extracted.resolve("hook-tools/relation-get"))).isEqualTo(Path.of("juju-hook-tool"));
        assertThat(Files.readString(extracted.resolve("b.jar"))).isEqualTo("hello");
        assertThat(Files.size(extracted.resolve("a.jar"))).isEqualTo(1000);
    }
}
