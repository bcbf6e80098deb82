package org.juju.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {
    @Test
    void parsesEachKind() {
        AgentArguments provisioning = AgentArguments.parse(List.of("provisioning", "--zookeeper", "127.0.0.1:2181",
                "--dir", "/tmp/a/../p"));
        assertThat(provisioning.identity()).isEqualTo("provisioning");
        assertThat(provisioning.dir()).isEqualTo(Path.of("/tmp/p"));
        assertThat(provisioning.zooKeeper()).isEqualTo("127.0.0.1:2181");

        AgentArguments machine = AgentArguments.parse(List.of("machine", "--dir", "/m", "--id", "3",
                "--zookeeper", "h:1"));
        assertThat(machine.identity()).isEqualTo("machine-3");
        assertThat(machine.machine()).contains(new MachineId(3));

        AgentArguments unit = AgentArguments.parse(List.of("unit", "--name", "my-sql/12", "--zookeeper", "h:1",
                "--dir", "/u"));
        assertThat(unit.identity()).isEqualTo("unit-my-sql-12");
        assertThat(unit.unit()).contains(UnitName.parse("my-sql/12"));
    }

    @Test
    void rejectsBadCommandLinesInOneLine() {
        assertRejected(List.of(), "missing the agent kind (provisioning, machine or unit)");
        assertRejected(List.of("storage"), "unknown agent 'storage' (expected provisioning, machine or unit)");
        assertRejected(List.of("machine", "--zookeeper", "h:1", "--dir", "/m"), "missing required option --id");
        assertRejected(List.of("machine", "--id", "x", "--zookeeper", "h:1", "--dir", "/m"),
                "invalid machine id 'x': expected a number such as 1");
        assertRejected(List.of("provisioning", "--id", "1", "--zookeeper", "h:1", "--dir", "/m"), "unknown option --id");
        assertRejected(List.of("unit", "--name", "mysql/0", "--zookeeper"), "option --zookeeper needs a value");
        assertRejected(List.of("unit", "--name", "mysql/0", "--name", "mysql/1", "--zookeeper", "h:1", "--dir", "/u"),
                "option --name given twice");
    }

    private static void assertRejected(List<String> args, String message) {
        assertThatThrownBy(() -> AgentArguments.parse(args)).isInstanceOf(InvalidInputException.class).hasMessage(message);
    }
}
