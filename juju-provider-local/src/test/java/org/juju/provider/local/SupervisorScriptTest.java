package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SupervisorScriptTest {
    private final SupervisedAgent agent = new SupervisedAgent(Path.of("/data/it's/machines/1"),
            "machine agent of machine 1 of environment 'dev'",
            List.of("machine", "--id", "1", "--zookeeper", "127.0.0.1:2181", "--dir", "/data/it's/machines/1"),
            "machine-agent.log");

    @Test
    void quotesEveryWordForTheShell() {
        assertThat(SupervisorScript.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(SupervisorScript.text(agent, "/usr/lib/jvm/bin/java", SupervisorScript.JVM_OPTIONS))
                .contains("dir='/data/it'\\''s/machines/1'\n")
                .contains("'/usr/lib/jvm/bin/java' '-Xmx128m' '-XX:+UseSerialGC' '-XX:TieredStopAtLevel=1' '-Xshare:auto'"
                        + " 'org.juju.agents.AgentMain' 'machine' '--id' '1' '--zookeeper' '127.0.0.1:2181'"
                        + " '--dir' '/data/it'\\''s/machines/1' &\n")
                .contains("# Supervisor of the machine agent of machine 1 of environment 'dev', written by juju.");
    }

    @Test
    void runsTheMainClassOfItsAgent() {
        SupervisedAgent daemon = new SupervisedAgent(Path.of("/data/agents/storage"), "charm storage of environment 'dev'",
                "org.juju.provider.local.StorageDaemon", List.of("--data-dir", "/data"), "charm-storage.log");

        assertThat(SupervisorScript.text(daemon, "java", SupervisorScript.JVM_OPTIONS))
                .contains(" '-Xshare:auto' 'org.juju.provider.local.StorageDaemon' '--data-dir' '/data' &\n")
                .doesNotContain(SupervisorScript.AGENT_MAIN);
    }

    @Test
    void runsAnExecutableWithoutAJvm() {
        SupervisedAgent daemon = SupervisedAgent.command(Path.of("/data/agents/apt-cache"),
                "apt cache of environment 'dev'", List.of("/usr/sbin/apt-cacher-ng", "-c", "/data/agents/apt-cache/conf"),
                "apt-cacher-ng.out");

        assertThat(SupervisorScript.text(daemon, "java", SupervisorScript.JVM_OPTIONS))
                .contains("\n  '/usr/sbin/apt-cacher-ng' '-c' '/data/agents/apt-cache/conf' &\n")
                .contains("wait \"$child\"")
                .doesNotContain("'java'")
                .doesNotContain("-Xmx128m");
    }

    @Test
    void recognizesItsOwnDirectoryOnly() {
        assertThat(SupervisorScript.runs(List.of("/data/it's/machines/1/supervisor.sh"), agent.dir(), Optional.empty()))
                .isTrue();
        assertThat(SupervisorScript.runs(List.of("/data/it's/machines/10/supervisor.sh"), agent.dir(), Optional.empty()))
                .isFalse();
    }

    @Test
    void recognizesTheScriptOfADirectoryRenamedToItsOwnByTheWorkingDirectory() {
        List<String> spare = List.of("/data/it's/machines/spare-1/supervisor.sh");

        assertThat(SupervisorScript.runs(spare, agent.dir(), Optional.of(agent.dir()))).isTrue();
        assertThat(SupervisorScript.runs(spare, agent.dir(), Optional.of(Path.of("/data/it's/machines/10")))).isFalse();
        assertThat(SupervisorScript.runs(List.of("/bin/other.sh"), agent.dir(), Optional.of(agent.dir()))).isFalse();
    }

    @Test
    void usesRelativePathsOnceInItsDirectory() {
        String script = SupervisorScript.text(agent, "java", SupervisorScript.JVM_OPTIONS);
        String afterCd = script.substring(script.indexOf("cd \"$dir\" || exit 1\n") + 20);

        assertThat(afterCd).doesNotContain("$dir").contains("mv -f .tmp-supervisor.pid supervisor.pid")
                .contains("while [ ! -e stop ]");
    }
}
