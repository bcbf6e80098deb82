package org.juju.provider.local.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.juju.provider.MachineSpec;
import org.juju.state.model.MachineId;
import org.junit.jupiter.api.Test;

class AgentCommandTest {
    @Test
    void theSystemdServiceRunsTheMachineAgentWithTheAgentsEnvironment() {
        AgentCommand command = new AgentCommand("/jdk/bin/java", List.of("-Xmx128m", "-XX:SharedArchiveFile=/a b.jsa"),
                "-XX:SharedArchiveFile=/a b.jsa", "org.juju.agents.AgentMain", "/x.jar:/y.jar", new AgentMounts(List.of()));

        String service = command.systemdService("dev", new MachineSpec(new MachineId(4), "bookworm", "10.1.2.1:2181"),
                Path.of("/var/lib/juju/machines/4"));

        assertThat(service)
                .contains("Environment=\"CLASSPATH=/x.jar:/y.jar\"\n")
                .contains("Environment=\"JUJU_AGENT_JAVA_OPTIONS=-XX:SharedArchiveFile=/a b.jsa\"\n")
                .contains("ExecStart=\"/jdk/bin/java\" \"-Xmx128m\" \"-XX:SharedArchiveFile=/a b.jsa\""
                        + " \"org.juju.agents.AgentMain\" \"machine\" \"--id\" \"4\" \"--zookeeper\" \"10.1.2.1:2181\""
                        + " \"--dir\" \"/var/lib/juju/machines/4\"\n")
                .contains("Restart=always\n")
                .contains("StandardOutput=append:/var/lib/juju/machines/4/machine-agent.log\n")
                .contains("WantedBy=multi-user.target\n");
    }

    @Test
    void aSpareContainersServiceWaitsForItsAssignment() {
        AgentCommand command = new AgentCommand("/jdk/bin/java", List.of("-Xmx128m"), "", "org.juju.agents.AgentMain",
                "/x.jar", new AgentMounts(List.of()));

        String service = command.spareService("dev", Path.of("/var/lib/juju"), Path.of("/var/lib/juju/assignment"));

        assertThat(service).contains("# Written by juju: the agent of a spare machine of environment 'dev'.\n")
                .contains("ExecStart=\"/jdk/bin/java\" \"-Xmx128m\" \"org.juju.agents.AgentMain\" \"spare-machine\""
                        + " \"--assignment-file\" \"/var/lib/juju/assignment\"\n")
                .contains("WorkingDirectory=/var/lib/juju\n")
                .contains("Environment=\"JUJU_AGENT_JAVA_OPTIONS=\"\n");
    }

    @Test
    void wordsAreQuotedForSystemd() {
        assertThat(AgentCommand.quote("a \"b\" 50% $HOME \\")).isEqualTo("\"a \\\"b\\\" 50%% $$HOME \\\\\"");
    }
}
