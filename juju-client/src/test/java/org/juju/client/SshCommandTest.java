package org.juju.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.juju.client.CliHarness.Result;
import org.juju.state.model.MachineId;
import org.juju.state.model.UnitName;
import org.juju.state.testing.TreeDump;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code juju ssh}: where it runs the command, the exit status it passes through, and its errors. */
class SshCommandTest extends ClientTestBase {
    private static final UnitName MYSQL0 = UnitName.parse("mysql/0");
    private MachineId machine;
    private Path charmDir;

    @BeforeEach
    void deployOnAProcessMachine() throws Exception {
        assertThat(juju.run("deploy", "-n", "2", "local:mysql").code()).isZero();
        machine = placeOnNewMachine(MYSQL0, "process-test-");
        charmDir = Files.createDirectories(dataDir.resolve("machines/" + machine + "/units/mysql-0/charm"));
    }

    private Result ok(String... args) {
        Result result = juju.run(args);
        assertThat(result.code()).as(result.toString()).isZero();
        return result;
    }

    @Test
    void runsTheCommandInTheUnitsCharmDirectory() {
        assertThat(ok("ssh", "mysql/0", "pwd").out()).isEqualTo(charmDir + "\n");
    }

    @Test
    void runsTheCommandOfAMachineInItsDirectoryWithItsOptionsAndShellSyntax() throws Exception {
        Path machineDir = dataDir.resolve("machines/" + machine);

        Result result = ok("ssh", machine.toString(), "pwd", "-P", "&&", "echo", "$((6*7))");

        assertThat(result.out()).isEqualTo(machineDir.toRealPath() + "\n42\n");
    }

    @Test
    void machineZeroIsThisHost() throws Exception {
        Path machineZero = Files.createDirectories(dataDir.resolve("machines/0"));

        assertThat(ok("ssh", "0", "pwd").out()).isEqualTo(machineZero + "\n");
    }

    @Test
    void theCommandsExitStatusAndErrorsPassThrough() {
        Result result = juju.run("ssh", "mysql/0", "echo", "oops", ">&2;", "exit", "3");

        assertThat(result.code()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("oops\n");
    }

    @Test
    void withoutACommandAShellRuns() {
        juju.env("SHELL", "/bin/pwd");

        assertThat(ok("ssh", "mysql/0").out()).isEqualTo(charmDir + "\n");
    }

    @Test
    void aContainerIsEnteredWithLxcAttachWithACleanEnvironment() {
        MachineId container = placeOnNewMachine(UnitName.parse("mysql/1"), "juju-test-");
        List<List<String>> ran = new ArrayList<>();
        juju.terminal(command -> {
            ran.add(command.command());
            return 0;
        });

        ok("ssh", "mysql/1", "ls", "-l");
        ok("ssh", container.toString());

        String name = "juju-test-" + container;
        String cd = "cd \"$0\" 2>/dev/null || cd /; exec \"$@\"";
        String machineDir = "/var/lib/juju/machines/" + container;
        assertThat(ran).containsExactly(
                List.of("lxc-attach", "-n", name, "--clear-env", "--keep-var", "TERM", "--", "/bin/sh", "-c", cd,
                        machineDir + "/units/mysql-1/charm", "/bin/sh", "-c", "ls -l"),
                List.of("lxc-attach", "-n", name, "--clear-env", "--keep-var", "TERM", "--", "/bin/sh", "-c", cd,
                        machineDir, "bash", "-l"));
    }

    @Test
    void aSpareContainerTakenOverIsEnteredByItsOwnName() {
        MachineId machine = state.machines().add("bookworm");
        String spare = "juju-test-spare-1764232800123";
        state.machines().setInstance(machine, new org.juju.provider.Instance(spare, machine, "10.1.2.10", "running"), 0);
        List<List<String>> ran = new ArrayList<>();
        juju.terminal(command -> {
            ran.add(command.command());
            return 0;
        });

        ok("ssh", machine.toString(), "hostname");

        assertThat(ran).containsExactly(List.of("lxc-attach", "-n", spare, "--clear-env", "--keep-var", "TERM", "--",
                "/bin/sh", "-c", "cd \"$0\" 2>/dev/null || cd /; exec \"$@\"", "/var/lib/juju/machines/" + machine,
                "/bin/sh", "-c", "hostname"));
    }

    @Test
    void everyRefusalIsOneLineWithItsExitCodeAndChangesNothing() throws Exception {
        MachineId pending = state.machines().add("bookworm");
        MachineId elsewhere = placeOnNewMachine(UnitName.parse("mysql/1"), "i-");
        Map<String, String> before = TreeDump.of(client);
        List<Object[]> cases = List.of(
                new Object[] {"mysql/7", 3, "unit mysql/7 not found"},
                new Object[] {"nosuch/0", 3, "unit nosuch/0 not found"},
                new Object[] {"42", 3, "machine 42 not found"},
                new Object[] {"mysql", 2, "invalid target 'mysql': expected a unit (mysql/0) or a machine (1)"},
                new Object[] {pending.toString(), 5, "machine " + pending + " is not provisioned yet: it has no instance"},
                new Object[] {elsewhere.toString(), 10, "runs on instance 'i-" + elsewhere + "', which this client cannot reach"});
        for (Object[] refused : cases) {
            assertRefused(juju.run("ssh", (String) refused[0], "true"), (int) refused[1], (String) refused[2]);
        }
        assertThat(TreeDump.of(client)).as("ssh only reads").isEqualTo(before);
    }

    @Test
    void aUnitNotPlacedOrNotDeployedYetIsRefused() throws Exception {
        assertThat(juju.run("add-unit", "mysql").code()).isZero();
        assertRefused(juju.run("ssh", "mysql/2", "true"), 5, "unit mysql/2 is not assigned to a machine yet");

        MachineId fresh = placeOnNewMachine(UnitName.parse("mysql/2"), "process-test-");
        assertRefused(juju.run("ssh", "mysql/2", "true"), 5, "unit mysql/2 is not deployed on machine " + fresh
                + " yet: no " + dataDir.resolve("machines/" + fresh + "/units/mysql-2/charm"));
        assertRefused(juju.run("ssh", fresh.toString(), "true"), 5, "machine " + fresh + " has no directory");
    }
}
