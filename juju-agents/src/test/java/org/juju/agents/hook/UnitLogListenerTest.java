package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real hook's unit log lines reach the runner's listener, with the hook's name and their level. */
class UnitLogListenerTest {
    @TempDir
    Path temp;
    private HookFixture fx;
    private final List<String> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        fx = new HookFixture(temp);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void everyUnitLogLineReachesTheListenerWithItsHookAndLevel() throws Exception {
        HookRunner runner = new HookRunner(fx.server, HookTools.directory(),
                (hookName, level, text) -> heard.add(hookName + " " + level + " " + text));
        fx.hook("install", """
                echo reading package lists
                echo 'E: package not found' >&2
                juju-log -l warning disk almost full
                exit 3
                """);

        HookResult result = runner.run(fx.charmDir, HookSpec.unit("install"), HookFixture.data(), fx.unitLog);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(heard).contains("install INFO reading package lists", "install ERROR E: package not found",
                "install WARNING disk almost full");
        assertThat(heard).anySatisfy(line -> assertThat(line).startsWith("install ERROR").contains("exit"));
        assertThat(java.nio.file.Files.readAllLines(fx.unitLog)).hasSameSizeAs(heard);
    }
}
