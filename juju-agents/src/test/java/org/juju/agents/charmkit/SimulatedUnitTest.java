package org.juju.agents.charmkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.juju.agents.hook.WorkloadState;
import org.juju.provider.Port;
import org.juju.state.charm.Charm;
import org.juju.state.charm.CharmDirectory;
import org.juju.state.charm.CharmMetadata;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedUnitTest {
    private static final Path WEBFRONT = Path.of("..", "charms-examples", "bookworm", "webfront");

    @TempDir
    Path temp;

    @Test
    void runsTheExampleCharmsRelationHooksAgainstTheSimulatedRemoteUnit() {
        try (SimulatedUnit unit = SimulatedUnit.start(WEBFRONT)) {
            assertThat(unit.unit()).hasToString("webfront/0");
            RelationId kv = unit.relate("kv");
            unit.config("bucket", "shop");

            HookRun joined = unit.run("kv-relation-joined", kv, "kvstore/0");
            assertThat(joined.exitCode()).as(joined.stderr().toString()).isZero();
            assertThat(joined.relationId()).contains("kv:0");
            assertThat(joined.settingsSet()).containsEntry(kv, Map.of("bucket", "shop"));
            assertThat(unit.localSettings(kv)).containsEntry("bucket", "shop");
            assertThat(unit.members(kv)).containsExactly("kvstore/0");

            HookRun waiting = unit.run("kv-relation-changed");
            assertThat(waiting.exitCode()).isZero();
            assertThat(unit.status()).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(WorkloadState.WAITING));

            unit.remoteSettings(kv, "kvstore/0", Map.of("host", "192.0.2.20", "port", "7000", "bucket-ready", "shop"));
            HookRun ready = unit.run("kv-relation-changed");
            assertThat(ready.exitCode()).as(ready.stderr().toString()).isZero();
            assertThat(unit.status()).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(WorkloadState.ACTIVE));
            assertThat(Files.exists(WEBFRONT.resolve("backend.conf"))).as("the original charm is left alone").isFalse();
        }
    }

    @Test
    void reportsOutputPortsAndStatusAndAppliesChangesOnlyOnSuccess() throws IOException {
        Path charm = charm("""
                echo "to stdout"
                echo "to stderr" >&2
                open-port 8080
                status-set active "up"
                juju-log -l WARNING "careful"
                exit "$(config-get code)"
                """);
        try (SimulatedUnit unit = SimulatedUnit.start(charm)) {
            unit.config("code", 3);
            HookRun failed = unit.run("install");
            assertThat(failed.exitCode()).isEqualTo(3);
            assertThat(failed.failure()).hasValueSatisfying(f -> assertThat(f).contains("exited with code 3"));
            assertThat(failed.stdout()).containsExactly("to stdout");
            assertThat(failed.stderr()).containsExactly("to stderr");
            assertThat(failed.portsOpened()).containsExactly(new Port(8080, "tcp"));
            assertThat(failed.logs()).singleElement().satisfies(l -> assertThat(l.message()).isEqualTo("careful"));
            assertThat(unit.openPorts()).as("a failed hook's changes are not applied").isEmpty();
            assertThat(unit.status()).isEmpty();

            unit.configText("code", "0");
            HookRun ok = unit.run("install");
            assertThat(ok.succeeded()).isTrue();
            assertThat(unit.openPorts()).containsExactly(new Port(8080, "tcp"));
            assertThat(unit.status()).hasValueSatisfying(s -> assertThat(s.message()).isEqualTo("up"));
        }
    }

    @Test
    void stubsReplaceSystemCommandsOnThePath() throws IOException {
        Path charm = charm("apt-get install -y nothing-real\n");
        try (SimulatedUnit unit = SimulatedUnit.start(charm)) {
            unit.stub("apt-get", "echo \"stubbed apt-get $*\"");
            HookRun run = unit.run("install");
            assertThat(run.exitCode()).isZero();
            assertThat(run.stdout()).containsExactly("stubbed apt-get install -y nothing-real");
            assertThatThrownBy(() -> unit.stub("relation-get", "true")).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void departedAndBrokenChangeMembershipBeforeTheHookRuns() throws IOException {
        Path charm = charm("echo \"members: $(relation-list | tr '\\n' ' ')\"\n");
        Files.copy(charm.resolve("hooks/install"), charm.resolve("hooks/db-relation-departed"));
        try (SimulatedUnit unit = SimulatedUnit.start(charm)) {
            RelationId db = unit.relate("db", "mysql/0", "mysql/1");
            assertThat(unit.run("db-relation-departed", db, "mysql/0").stdout()).containsExactly("members: mysql/1 ");
            assertThat(unit.members(db)).containsExactly("mysql/1");
            HookRun broken = unit.run("db-relation-broken");
            assertThat(broken.succeeded()).as("a missing hook succeeds").isTrue();
            assertThat(unit.relations()).isEmpty();
            assertThatThrownBy(() -> unit.run("db-relation-changed")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("no db relation");
        }
    }

    @Test
    void refusesWhatTheCharmDoesNotDeclare() throws IOException {
        try (SimulatedUnit unit = SimulatedUnit.start(charm("true\n"))) {
            assertThatThrownBy(() -> unit.relate("website")).hasMessageContaining("has no relation 'website' (it has: db)");
            assertThatThrownBy(() -> unit.run("db-relation-joined")).hasMessageContaining("no db relation");
            assertThatThrownBy(() -> unit.run("bogus")).hasMessageContaining("is never sent a hook 'bogus'");
            assertThatThrownBy(() -> unit.config("nope", 1)).hasMessageContaining("unknown option 'nope'");
            assertThatThrownBy(() -> unit.config("code", "x")).isInstanceOf(InvalidInputException.class);
            RelationId db = unit.relate("db");
            assertThatThrownBy(() -> unit.run("db-relation-changed", db, "mysql/0"))
                    .hasMessageContaining("is not in relation db:0");
        }
    }

    @Test
    void startsFromACharmAlreadyReadUnderAnyUnitName() throws IOException {
        Charm charm = CharmDirectory.read(charm("echo \"I am $JUJU_UNIT_NAME\"\n"));
        try (SimulatedUnit unit = SimulatedUnit.start(charm, UnitName.parse("blog/3"))) {
            assertThat(unit.charm()).isSameAs(charm);
            assertThat(unit.run("install").stdout()).containsExactly("I am blog/3");
        }
    }

    @Test
    void hookNamesTellUnitHooksFromRelationHooksOfDeclaredRelations() throws IOException {
        CharmMetadata metadata = CharmDirectory.read(charm("true\n")).metadata();
        assertThat(HookName.parse("install", metadata)).isEqualTo(new HookName("install", null, null));
        HookName departed = HookName.parse("db-relation-departed", metadata);
        assertThat(departed.isRelationHook()).isTrue();
        assertThat(departed).isEqualTo(new HookName("db-relation-departed", "db", "departed"));
        assertThat(HookName.parse("juju-info-relation-joined", metadata).relationName()).isEqualTo("juju-info");
        assertThatThrownBy(() -> HookName.parse("website-relation-joined", metadata)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is never sent a hook 'website-relation-joined'");
    }

    @Test
    void closeDeletesTheWorkingCopy() throws IOException {
        SimulatedUnit unit = SimulatedUnit.start(charm("touch written-by-install\n"));
        unit.run("install");
        Path copy = unit.charmDirectory();
        assertThat(copy.resolve("written-by-install")).exists();
        unit.close();
        assertThat(copy).doesNotExist();
    }

    @Test
    void closeStopsTheProcessesTheHooksLeftRunning() throws IOException {
        Path charm = charm("setsid sleep 300 </dev/null >/dev/null 2>&1 &\nsleep 600 </dev/null >/dev/null 2>&1 &\n");
        SimulatedUnit unit = SimulatedUnit.start(charm);
        assertThat(unit.run("install").succeeded()).isTrue();
        Path socket = unit.charmDirectory().resolveSibling("tools.sock");
        java.util.List<Long> left = LeftoverProcesses.of(socket);
        assertThat(left).as("the detached sleep and the background one").hasSize(2);
        unit.close();
        assertThat(left).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("process " + pid).isFalse());
    }

    /** A charm {@code probe} requiring {@code db}, option {@code code} (int, 0), whose install hook is {@code body}. */
    private Path charm(String body) throws IOException {
        Path dir = ProbeCharm.create(temp, """
                options:
                  code:
                    type: int
                    default: 0
                    description: exit code
                """);
        ProbeCharm.hook(dir, "install", body);
        return dir;
    }
}
