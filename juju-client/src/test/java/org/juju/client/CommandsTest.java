package org.juju.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juju.state.testing.Nested.at;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.juju.client.CliHarness.Result;
import org.juju.state.codec.YamlCodec;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.Test;

/** The commands' effects on the tree and their output, driven through the real command line. */
class CommandsTest extends ClientTestBase {
    private static final ServiceName MYSQL = ServiceName.of("mysql");

    private Result ok(String... args) {
        Result result = juju.run(args);
        assertThat(result.code()).as(result.toString()).isZero();
        return result;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> statusJson() {
        return (Map<String, Object>) YamlCodec.parse(ok("status", "--format", "json").out(), "status");
    }


    @Test
    void deployShowsAPendingUnitInStatus() {
        Result deploy = ok("deploy", "local:mysql");
        assertThat(deploy.out()).contains("local:bookworm/mysql-1").contains("mysql/0");

        Map<String, Object> status = statusJson();
        assertThat(at(status, "environment")).containsEntry("name", "test").containsEntry("provider", "local")
                .containsEntry("zookeeper", server.getConnectString());
        assertThat(at(status, "services", "mysql")).containsEntry("charm", "local:bookworm/mysql-1").containsEntry("exposed", false);
        assertThat(at(status, "services", "mysql", "units", "mysql/0")).containsEntry("agent-state", "pending");
        assertThat(at(status, "machines")).containsOnlyKeys("0");
    }

    @Test
    void deployWithServiceNameUnitsAndConfigFile() throws Exception {
        Path config = home.resolve("config.yaml");
        Files.writeString(config, "db:\n  max-connections: 7\n  binlog: true\n");

        ok("deploy", "-n", "3", "--config", config.toString(), "local:mysql", "db");

        assertThat(state.services().userConfig(ServiceName.of("db"))).containsEntry("max-connections", 7).containsEntry("binlog", true);
        assertThat(at(statusJson(), "services", "db", "units")).containsOnlyKeys("db/0", "db/1", "db/2");
    }

    @Test
    void relateExposeAndStatusInEveryFormat() {
        ok("deploy", "local:mysql");
        ok("deploy", "local:wordpress");
        ok("add-relation", "wordpress", "mysql");
        ok("expose", "wordpress");

        Map<String, Object> status = statusJson();
        assertThat(at(status, "services", "wordpress", "relations")).containsEntry("db", List.of("mysql"));
        assertThat(at(status, "services", "wordpress")).containsEntry("exposed", true);
        assertThat(ok("status").out()).contains("services:").contains("wordpress/0:");
        String table = ok("status", "--format", "tabular").out();
        assertThat(table).contains("SERVICE").contains("UNIT").contains("RELATION")
                .containsPattern("wordpress/0\\s+pending").containsPattern("wordpress\\s+db\\s+mysql");

        ok("unexpose", "wordpress");
        ok("remove-relation", "mysql", "wordpress");
        assertThat(at(statusJson(), "services", "wordpress", "relations")).doesNotContainKey("db");
    }

    @Test
    void setAndGetShowTypedValuesAndDefaults() {
        ok("deploy", "local:mysql");
        ok("set", "mysql", "max-connections=250", "query-cache-size=0.5", "binlog=yes");

        assertThat(state.services().userConfig(MYSQL))
                .containsEntry("max-connections", 250).containsEntry("query-cache-size", 0.5).containsEntry("binlog", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> got = (Map<String, Object>) YamlCodec.parse(ok("get", "mysql").out(), "get");
        assertThat(at(got, "settings", "max-connections")).containsEntry("value", 250).containsEntry("type", "int")
                .doesNotContainKey("default");
        assertThat(at(got, "settings", "tuning-level")).containsEntry("value", "safest").containsEntry("default", true);
    }

    @Test
    void addAndRemoveUnitsNeverReuseNumbers() {
        ok("deploy", "-n", "2", "local:mysql");
        ok("remove-unit", "mysql/1");
        assertThat(ok("add-unit", "mysql").out()).contains("mysql/2");
        assertThat(at(statusJson(), "services", "mysql", "units")).containsOnlyKeys("mysql/0", "mysql/2");
    }

    @Test
    void destroyServiceRemovesItsUnitsAndRelations() {
        ok("deploy", "local:mysql");
        ok("deploy", "local:wordpress");
        ok("add-relation", "wordpress", "mysql");

        ok("destroy-service", "mysql");

        assertThat(at(statusJson(), "services")).containsOnlyKeys("wordpress");
        assertThat(at(statusJson(), "services", "wordpress", "relations")).doesNotContainKey("db");
    }

    @Test
    void redeployingAChangedCharmNeedsARevisionBump() throws Exception {
        Path repo = home.resolve("repo");
        copy(REPOSITORY.resolve("bookworm/mysql"), repo.resolve("bookworm/mysql"));
        ok("deploy", "--repository", repo.toString(), "local:mysql");
        Files.writeString(repo.resolve("bookworm/mysql/hooks/install"), "#!/bin/sh\necho changed\n");

        Result refused = juju.run("deploy", "--repository", repo.toString(), "local:mysql", "db2");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(9);
        assertThat(refused.err()).contains("bump the charm's revision file or deploy with -u");

        ok("deploy", "-u", "--repository", repo.toString(), "local:mysql", "db2");
        assertThat(at(statusJson(), "services", "db2")).containsEntry("charm", "local:bookworm/mysql-2");
        assertThat(Files.readString(repo.resolve("bookworm/mysql/revision")).trim()).isEqualTo("2");
    }

    @Test
    void upgradeCharmMovesTheServiceToTheNewRevision() throws Exception {
        Path repo = home.resolve("repo");
        copy(REPOSITORY.resolve("bookworm/mysql"), repo.resolve("bookworm/mysql"));
        ok("deploy", "--repository", repo.toString(), "local:mysql");
        Result same = juju.run("upgrade-charm", "--repository", repo.toString(), "mysql");
        assertThat(same.code()).as(same.toString()).isNotZero();
        assertThat(same.err()).contains("already runs local:bookworm/mysql-1");

        Files.writeString(repo.resolve("bookworm/mysql/revision"), "5\n");
        ok("upgrade-charm", "--repository", repo.toString(), "mysql");

        assertThat(state.services().charmUrl(MYSQL).toString()).isEqualTo("local:bookworm/mysql-5");
    }

    @Test
    void resolvedWritesARetryRequestForAUnitInError() throws Exception {
        ok("deploy", "local:mysql");
        UnitName unit = UnitName.parse("mysql/0");
        var status = state.store().read(StatePaths.unitStatus(unit)).orElseThrow();
        state.store().commit(state.store().transaction().update(status, Map.of("agent-state", "start-error")));

        ok("resolved", "--retry", "mysql/0");

        assertThat(state.store().read(StatePaths.unitResolved(unit)).orElseThrow().flag("retry")).isTrue();
        assertThat(at(statusJson(), "services", "mysql", "units", "mysql/0"))
                .as("no agent presence: down, as in the original").containsEntry("agent-state", "down");
        client.create().withMode(org.apache.zookeeper.CreateMode.EPHEMERAL).forPath(StatePaths.unitPresence(unit));
        assertThat(at(statusJson(), "services", "mysql", "units", "mysql/0")).containsEntry("agent-state", "start-error");
    }

    @Test
    void terminateMachineMarksAnEmptyMachineDying() {
        var machine = state.machines().add("bookworm");

        ok("terminate-machine", machine.toString());

        assertThat(at(statusJson(), "machines", machine.toString())).containsEntry("life", "dying");
    }

    @Test
    void statusShowsAMachineInErrorWithItsMessageAndRetryProvisioningRecordsARequest() {
        var first = state.machines().add("bookworm");
        var second = state.machines().add("bookworm");
        String message = "machine agent did not start within 120 s; see the machine's log, then retry-provisioning"
                + " or terminate-machine it";
        state.machines().setStatus(first, "error", message);
        state.machines().setStatus(second, "error", "cannot start the machine: quota exceeded");

        assertThat(at(statusJson(), "machines", first.toString())).containsEntry("agent-state", "error")
                .containsEntry("agent-state-info", message);
        Result result = ok("retry-provisioning", first.toString(), second.toString());

        assertThat(result.out()).isEqualTo("Retrying provisioning of machines " + first + ", " + second + ".\n");
        assertThat(state.store().exists(StatePaths.machineRetryProvisioning(first))).isTrue();
        assertThat(state.store().exists(StatePaths.machineRetryProvisioning(second))).isTrue();
        assertThat(at(statusJson(), "machines", first.toString())).as("in error until the provisioning agent acts")
                .containsEntry("agent-state", "error");
    }

    @Test
    void debugLogTurnsForwardingOnAndPrintsFilteredRecords() throws Exception {
        String[] records = {
            "{time: '12:00:00', level: INFO, context: 'unit:mysql/0', message: installing}",
            "{time: '12:00:01', level: DEBUG, context: 'unit:mysql/0', message: noise}",
            "{time: '12:00:02', level: WARN, context: 'machine:1', message: slow disk}",
            "{time: '12:00:03', level: ERROR, context: 'unit:wordpress/0', message: hook failed}"};
        for (String record : records) {
            client.create().withMode(org.apache.zookeeper.CreateMode.PERSISTENT_SEQUENTIAL)
                    .forPath(StatePaths.logRecordPrefix(), record.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        Result replay = ok("debug-log", "--replay", "-l", "INFO", "-x", "unit:wordpress", "-n", "2");

        assertThat(replay.out().lines().toList())
                .containsExactly("12:00:00 unit:mysql/0 INFO: installing", "12:00:02 machine:1 WARN: slow disk");
        assertThat(state.store().read(StatePaths.settings()).orElseThrow().flag("debug-log")).isTrue();
    }

    @Test
    void destroyEnvironmentAsksFirst() {
        Result declined = juju.stdin("n\n").run("destroy-environment");
        assertThat(declined.code()).isNotZero();
        assertThat(declined.out()).contains("Continue [y/N]?").contains("was not destroyed");
        assertThat(Files.exists(dataDir)).isTrue();
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
