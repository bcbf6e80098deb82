package org.juju.provider.local.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentMountsTest {
    @TempDir
    Path tmp;

    @Test
    void theRuntimeTheClasspathTheHookToolsAndTheArchiveAreMounted() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("jdk"));
        Files.createDirectories(home.resolve("bin"));
        Path inside = Files.createFile(home.resolve("lib.jar"));
        Path module = Files.createDirectories(tmp.resolve("work/juju-agents/target"));
        Path agents = Files.createFile(module.resolve("juju-agents.jar"));
        Files.createDirectories(module.resolve("hook-tools"));
        Path repository = Files.createDirectories(tmp.resolve("m2/org/x/1.0"));
        Path library = Files.createFile(repository.resolve("x-1.0.jar"));
        Path archive = Files.createFile(tmp.resolve("client.jsa"));

        AgentMounts mounts = AgentMounts.of(home, String.join(":", agents.toString(), library.toString(),
                inside.toString(), tmp.resolve("missing.jar").toString()), List.of("-Xmx128m",
                "-XX:SharedArchiveFile=" + archive));

        assertThat(mounts.paths()).containsExactly(home, agents, module.resolve("hook-tools"), library, archive);
        assertThat(mounts.configLines()).contains("lxc.mount.entry = " + home + " " + home.toString().substring(1)
                + " none bind,ro,create=dir 0 0", "lxc.mount.entry = " + agents + " " + agents.toString().substring(1)
                + " none bind,ro,create=file 0 0");
    }

    @Test
    void debiansJavaConfigurationUnderEtcComesWithTheRuntime() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("jdk"));
        Path etcJava = Path.of("/etc").resolve(Files.list(Path.of("/etc")).map(p -> p.getFileName().toString())
                .filter(name -> name.startsWith("java")).findFirst().orElse("java-none"));
        Files.createDirectories(home.resolve("conf"));
        Files.createSymbolicLink(home.resolve("conf/security"), etcJava.resolve("security"));

        AgentMounts mounts = AgentMounts.of(home, "", List.of());

        if (Files.exists(etcJava.resolve("security"))) {
            assertThat(mounts.paths()).containsExactly(home, etcJava);
        } else {
            assertThat(mounts.paths()).containsExactly(home);
        }
    }
}
