package org.juju.agents.charmkit.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.juju.state.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFilesTest {
    @TempDir
    Path charm;

    @Test
    void listsTheYamlFilesOfTestsInNameOrder() throws IOException {
        Path tests = Files.createDirectories(charm.resolve("tests"));
        for (String name : new String[] {"b.yaml", "a.yaml", ".hidden.yaml", "notes.txt", "c.yml"}) {
            Files.writeString(tests.resolve(name), "hooks: [install]\n");
        }
        Files.createDirectories(tests.resolve("dir.yaml"));
        assertThat(ScenarioFiles.list(charm)).containsExactly(tests.resolve("a.yaml"), tests.resolve("b.yaml"));
        assertThat(ScenarioFiles.name(tests.resolve("a.yaml"))).isEqualTo("a");
        assertThat(ScenarioFiles.name("a")).isEqualTo("a");
        assertThat(ScenarioFiles.name("a.yaml")).isEqualTo("a");
    }

    @Test
    void aCharmWithoutScenariosIsBadInput() throws IOException {
        assertThatThrownBy(() -> ScenarioFiles.list(charm)).isInstanceOf(InvalidInputException.class)
                .hasMessage(charm + " has no tests directory: put scenario files in " + charm.resolve("tests")
                        + "/*.yaml (see docs/charm-scenarios.md)");
        Files.createDirectories(charm.resolve("tests"));
        assertThatThrownBy(() -> ScenarioFiles.list(charm)).isInstanceOf(InvalidInputException.class)
                .hasMessage(charm.resolve("tests") + " holds no scenario files (*.yaml)");
    }
}
