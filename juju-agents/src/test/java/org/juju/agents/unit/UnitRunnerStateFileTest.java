package org.juju.agents.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.juju.agents.hook.HookRunner;
import org.juju.agents.hook.ToolServer;
import org.juju.agents.uniter.StateFileException;
import org.juju.state.JujuState;
import org.juju.state.model.UnitName;
import org.juju.state.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corrupt unit state file: reported in the unit's status, never replaced by a guess, healed by a
 * repair. A round that changes nothing leaves the file alone (each write costs two fsyncs), and
 * reads the tree again between hooks only when told it changed.
 */
class UnitRunnerStateFileTest {
    private static final UnitName UNIT = UnitName.parse("app/0");
    @TempDir
    Path temp;
    private TestEnvironment environment;
    private JujuState state;
    private ToolServer tools;
    private Path unitDir;

    @BeforeEach
    void deployUnit() throws Exception {
        environment = TestEnvironment.start();
        state = environment.state();
        environment.deploy("app", 1);
        unitDir = Files.createDirectories(temp.resolve("units/app-0"));
        tools = ToolServer.start(unitDir.resolve("agent.socket"));
    }

    @AfterEach
    void stop() throws Exception {
        tools.close();
        environment.close();
    }

    @Test
    void aCorruptStateFileIsReportedInTheUnitsStatusAndClearedOnceRepaired() throws Exception {
        Path file = unitDir.resolve("state.yaml");
        Files.write(file, new byte[] {'f', 'o', 'r', 'm', 'a', 't', ':', ' ', 1, (byte) 0xff, '\n', '[', '\n'});

        assertThatThrownBy(() -> new UnitRunner(state, UNIT, unitDir, new HookRunner(tools), "127.0.0.1"))
                .isInstanceOf(StateFileException.class)
                .hasMessageStartingWith("unit state file " + file + ": corrupt, refusing to start from a guess: ");
        assertThat((String) state.units().status(UNIT).get("message"))
                .startsWith(UnitRunner.CANNOT_START + "unit state file " + file + ": corrupt");
        assertThat(Files.readAllBytes(file)).as("the file is kept for inspection").hasSize(13);

        Files.delete(file); // the repair a person chooses here: start the unit's state afresh
        new UnitRunner(state, UNIT, unitDir, new HookRunner(tools), "127.0.0.1");

        assertThat(state.units().status(UNIT)).doesNotContainKey("message");
    }

    @Test
    void aRoundThatChangesNothingDoesNotWriteTheStateFileAgain() throws Exception {
        Files.createDirectories(unitDir.resolve("charm/hooks"));
        UnitRunner runner = new UnitRunner(state, UNIT, unitDir, new HookRunner(tools), "127.0.0.1");
        assertThat(runner.converge()).isFalse();
        assertThat(state.units().status(UNIT)).containsEntry("agent-state", "started");
        Path file = unitDir.resolve("state.yaml");
        Object written = Files.getAttribute(file, "unix:ino");

        assertThat(runner.converge()).isFalse();

        assertThat(Files.getAttribute(file, "unix:ino")).as("each write renames a new file into place").isEqualTo(written);
    }

    @Test
    void betweenHooksTheRunnerAsksWhetherToReadTheTreeAgainAndGoesOnFromItsLastReadIfNot() throws Exception {
        Files.createDirectories(unitDir.resolve("charm/hooks"));
        UnitRunner runner = new UnitRunner(state, UNIT, unitDir, new HookRunner(tools), "127.0.0.1");
        AtomicInteger asked = new AtomicInteger();
        runner.readAgainOnlyWhen(() -> {
            asked.incrementAndGet();
            return false;
        });

        assertThat(runner.converge()).isFalse();

        assertThat(state.units().status(UNIT)).containsEntry("agent-state", "started");
        assertThat(asked.get()).as("once after each of install, config-changed and start").isEqualTo(3);
    }
}
