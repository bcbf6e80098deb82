package org.juju.agents.charmkit.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.juju.agents.charmkit.ProbeCharm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunnerTest {
    @TempDir
    Path temp;
    private Path charm;

    /** A charm {@code probe}: requires {@code db}; options {@code code} (int) and {@code greeting}. */
    @BeforeEach
    void probeCharm() throws IOException {
        charm = ProbeCharm.create(temp, """
                options:
                  code: {type: int, default: 0, description: install's exit code}
                  greeting: {type: string, default: hello, description: a greeting}
                """);
        Files.createDirectories(charm.resolve("tests"));
        ProbeCharm.hook(charm, "install", """
                echo "to stdout"
                echo "to stderr" >&2
                juju-log "logged $(config-get greeting)"
                status-set active "up $(config-get greeting)"
                open-port 8080
                installer-tool
                exit "$(config-get code)"
                """);
        ProbeCharm.hook(charm, "db-relation-joined",
                "relation-set \"user=$(config-get greeting)\" \"host=$(unit-get private-address)\"\n");
        ProbeCharm.hook(charm, "db-relation-changed", "relation-set \"seen=$(relation-get ready)\" user=\n");
    }

    private ScenarioResult run(String text) throws IOException {
        Path file = charm.resolve("tests/scenario.yaml");
        Files.writeString(file, text);
        return ScenarioRunner.run(charm, file);
    }

    private static final String STUB = "stubs: {installer-tool: 'echo \"stubbed tool\"'}\n";

    @Test
    void aScenarioWhoseHooksDoAsExpectedPassesWithEveryStepAndItsOutput() throws IOException {
        ScenarioResult result = run(STUB + """
                unit: front/2
                config: {greeting: hi}
                addresses: {private-address: 192.0.2.5}
                relations:
                  - relation: db
                    id: 3
                hooks:
                  - hook: install
                    expect:
                      status: {state: active, message: up hi}
                      ports: [8080]
                      stdout-contains: [to stdout, stubbed tool]
                      stderr-contains: [stderr]
                      log-contains: [logged hi]
                  - hook: db-relation-joined
                    remote-unit: mysql/0
                    config: {greeting: hey}
                    expect:
                      settings: {db: {user: hey, host: 192.0.2.5}, "db:3": {seen: ~}}
                  - hook: db-relation-changed
                    remote-settings: {mysql/0: {ready: yes}}
                    expect:
                      settings: {db: {seen: "true", user: ~, host: 192.0.2.5}}
                """);
        assertThat(result.failure()).isEmpty();
        assertThat(result.passed()).isTrue();
        assertThat(result.malformed()).isFalse();
        assertThat(result.name()).isEqualTo("scenario");
        assertThat(result.steps()).extracting(StepResult::hook)
                .containsExactly("install", "db-relation-joined", "db-relation-changed");
        assertThat(result.steps().get(1).run().remoteUnit()).contains("mysql/0");
        assertThat(result.steps().get(1).run().relationId()).contains("db:3");
        assertThat(result.output()).contains("--- step 0 (install): exit 0\nstdout: to stdout\nstdout: stubbed tool\n"
                + "stderr: to stderr\nlog INFO: logged hi\n--- step 1 (db-relation-joined): exit 0\n");
        result.assertPassed();
    }

    @Test
    void everyExpectationThatDiffersIsReportedWithWhatWasExpectedAndWhatHappened() throws IOException {
        ScenarioResult result = run(STUB + """
                relations:
                  - relation: db
                    members: [mysql/0]
                hooks:
                  - hook: install
                    expect:
                      status: {state: blocked, message-contains: down}
                      ports: [80/tcp]
                      stdout-contains: [nothing like it]
                      stderr-contains: [nor this]
                      log-contains: [nor that]
                      settings: {db: {user: someone}}
                  - hook: db-relation-joined
                """);
        assertThat(result.passed()).isFalse();
        assertThat(result.steps()).as("the scenario stops at the failing step").hasSize(1);
        String prefix = charm.resolve("tests/scenario.yaml") + ": step 0 (install): ";
        assertThat(result.failure()).contains(prefix
                + "settings of db: user: expected \"someone\", got absent; "
                + "status: expected blocked containing \"down\", got active \"up hello\"; "
                + "open ports: expected [80/tcp], got [8080/tcp]; "
                + "stdout: expected a line containing \"nothing like it\", got 2 line(s) without it; "
                + "stderr: expected a line containing \"nor this\", got 1 line(s) without it; "
                + "log: expected a line containing \"nor that\", got 1 line(s) without it");
        assertThat(result.steps().get(0).differences()).hasSize(6);
        assertThatThrownBy(result::assertPassed).isInstanceOf(AssertionError.class)
                .hasMessageContaining("step 0 (install)").hasMessageContaining("stdout: to stdout");
    }

    @Test
    void aFailingHookFailsTheScenarioUnlessItsExitCodeIsExpected() throws IOException {
        ScenarioResult failed = run(STUB + "config: {code: 3}\nhooks: [install]\n");
        assertThat(failed.failure()).hasValueSatisfying(f -> assertThat(f)
                .endsWith("step 0 (install): exit code: expected 0, got 3; last stderr: to stderr"));

        ScenarioResult expected = run(STUB + """
                config: {code: 3}
                hooks:
                  - hook: install
                    expect: {exit-code: 3, ports: []}
                """);
        assertThat(expected.failure()).as("a failed hook's changes are not applied").isEmpty();
    }

    @Test
    void aKeyExpectedAbsentMustBeAbsentAndASettingIsFoundByRelationNameAndId() throws IOException {
        ScenarioResult result = run("""
                relations: [{relation: db, id: 2, members: [mysql/0]}]
                hooks:
                  - hook: db-relation-joined
                    expect: {settings: {"db:2": {user: hello}, db: {host: ~}}}
                """);
        assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f)
                .endsWith("step 0 (db-relation-joined): settings of db: host: expected absent, got \"192.0.2.10\""));
    }

    @Test
    void anExactStatusMessageMustMatchWhole() throws IOException {
        ScenarioResult result = run(STUB + "hooks: [{hook: install, expect: {status: {state: active, message: up}}}]\n");
        assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f)
                .endsWith("status: expected active \"up\", got active \"up hello\""));
    }

    @Test
    void whatTheCharmDoesNotHaveFailsTheScenarioNamingTheStepOrTheSetUp() throws IOException {
        assertThat(run("hooks: [bogus]\n").failure()).hasValueSatisfying(f -> assertThat(f)
                .contains("step 0 (bogus): charm probe is never sent a hook 'bogus' (its hooks: install, config-changed,")
                .contains("db-relation-broken"));
        assertThat(run("config: {colour: red}\nhooks: [install]\n").failure()).hasValueSatisfying(f -> assertThat(f)
                .contains(": set-up: ").contains("colour"));
        assertThat(run("relations: [{relation: website}]\nhooks: [install]\n").failure()).hasValueSatisfying(f ->
                assertThat(f).contains(": set-up: charm probe has no relation 'website' (it has: db)"));
        assertThat(run("unit: nobody\nhooks: [install]\n").failure()).hasValueSatisfying(f ->
                assertThat(f).contains("scenario.yaml: unit: "));
        assertThat(run("hooks: [{hook: install, remote-unit: mysql/0}]\n").failure()).hasValueSatisfying(f ->
                assertThat(f).contains("step 0 (install): remote-settings, relation-id and remote-unit are for relation hooks"));
        assertThat(run(STUB + "hooks: [{hook: install, expect: {settings: {\"db:7\": {a: b}}}}]\n").failure())
                .hasValueSatisfying(f -> assertThat(f).contains("settings of db:7: the unit is not in relation"));
        assertThat(run(STUB + "hooks: [{hook: install, expect: {ports: [http]}}]\n").failure())
                .hasValueSatisfying(f -> assertThat(f).contains("ports: invalid port 'http'"));
    }

    @Test
    void aMalformedFileIsAResultNotAnException() throws IOException {
        ScenarioResult result = run("hooks: [{hook: install, expect: {exitcode: 1}}]\n");
        assertThat(result.malformed()).isTrue();
        assertThat(result.passed()).isFalse();
        assertThat(result.steps()).isEmpty();
        assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f)
                .startsWith(charm.resolve("tests/scenario.yaml") + ": hooks[0] (install).expect.exitcode: unknown key"));
    }
}
