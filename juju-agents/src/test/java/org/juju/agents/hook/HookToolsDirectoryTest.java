package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.juju.state.error.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the installed client. */
class HookToolsDirectoryTest {
    @TempDir
    Path temp;

    @AfterEach
    void clearProperty() {
        System.clearProperty(HookTools.DIRECTORY_PROPERTY);
    }

    @Test
    void findsTheBuiltClientBesideTheClasses() {
        Path directory = HookTools.directory();

        assertThat(directory).isAbsolute().endsWith(Path.of("target", "hook-tools"));
        assertThat(directory.resolve(HookTools.CLIENT)).isExecutable();
    }

    @Test
    void thePropertyOverridesTheLookup() throws Exception {
        Path tools = Files.createDirectories(temp.resolve("tools"));
        Files.copy(HookTools.directory().resolve(HookTools.CLIENT), tools.resolve(HookTools.CLIENT));
        System.setProperty(HookTools.DIRECTORY_PROPERTY, tools.toString());

        assertThat(HookTools.directory()).isEqualTo(tools);
    }

    @Test
    void failsNamingWhereItLooked() {
        System.setProperty(HookTools.DIRECTORY_PROPERTY, temp.toString());

        assertThatThrownBy(HookTools::directory).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no executable juju-hook-tool in [" + temp + "]")
                .hasMessageContaining("juju.hook-tools");
    }
}
