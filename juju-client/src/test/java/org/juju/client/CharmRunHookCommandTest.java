package org.juju.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.juju.client.CliHarness.Result;
import org.juju.state.codec.YamlCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code juju charm run-hook}: real hooks against a simulated unit, no environment (JUJU_HOME is empty). */
class CharmRunHookCommandTest {
    private static final Path WEBFRONT = Path.of("..", "charms-examples", "bookworm", "webfront").toAbsolutePath().normalize();
    private static final Path PROBE = Path.of("src/test/resources/charms/probe").toAbsolutePath();
    private static final String REPORTING_HOOK = """
            echo "to stdout"
            echo "to stderr" >&2
            open-port 8080
            open-port 53/udp
            close-port 22
            status-set active "serving"
            juju-log -l WARNING "careful"
            juju-log "option code is $(config-get code)"
            """;

    @TempDir
    Path temp;
    CliHarness juju;

    @BeforeEach
    void harness() {
        juju = new CliHarness(temp.resolve("home"));
    }

    @Test
    void reportsWhatAUnitHookDidAsText() throws IOException {
        Path charm = probe("install", REPORTING_HOOK);
        Result result = juju.run("charm", "run-hook", charm.toString(), "install", "--config", "code=7");
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out().replaceAll("\\(\\d+ ms\\)", "(N ms)")).isEqualTo("""
                hook: install
                exit code: 0 (N ms)
                ports opened: 53/udp, 8080/tcp
                ports closed: 22/tcp
                status set: active: serving
                juju-log:
                  WARNING careful
                  INFO option code is 7
                stdout:
                  to stdout
                stderr:
                  to stderr
                """);
    }

    @Test
    void reportsWhatAUnitHookDidAsOneJsonObject() throws IOException {
        Path charm = probe("install", REPORTING_HOOK);
        Result result = juju.run("charm", "run-hook", charm.toString(), "install", "--format", "json");
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out().lines().count()).isEqualTo(1);
        Map<String, Object> json = YamlCodec.parseMap(result.out(), "output");
        assertThat(json).containsEntry("hook", "install").containsEntry("ran", true).containsEntry("exit-code", 0).containsEntry("failure", null)
                .containsEntry("relation-id", null).containsEntry("remote-unit", null)
                .containsEntry("settings", Map.of())
                .containsEntry("ports-opened", List.of("53/udp", "8080/tcp")).containsEntry("ports-closed", List.of("22/tcp"))
                .containsEntry("status", Map.of("state", "active", "message", "serving"))
                .containsEntry("logs", List.of(Map.of("level", "WARNING", "message", "careful"),
                        Map.of("level", "INFO", "message", "option code is 0")))
                .containsEntry("stdout", List.of("to stdout")).containsEntry("stderr", List.of("to stderr"));
        assertThat(json.get("duration-ms")).isInstanceOf(Integer.class);
    }

    @Test
    void runsTheExampleCharmsJoinedHookWhichAsksForItsBucket() {
        Result result = juju.run("charm", "run-hook", WEBFRONT.toString(), "kv-relation-joined", "--remote-unit", "kvstore/0",
                "--config", "bucket=shop");
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("hook: kv-relation-joined (relation kv:0, remote unit kvstore/0)\n")
                .contains("relation settings set:\n  kv:0\n    bucket=shop\n")
                .contains("juju-log:\n  INFO asked kvstore/0 for bucket shop\n");

        Result json = juju.run("charm", "run-hook", WEBFRONT.toString(), "kv-relation-joined", "--relation", "kv:3",
                "--members", "kvstore/1,kvstore/2", "--format", "json");
        assertThat(json.code()).as(json.toString()).isZero();
        assertThat(YamlCodec.parseMap(json.out(), "output")).containsEntry("relation-id", "kv:3")
                .containsEntry("remote-unit", "kvstore/1").containsEntry("settings", Map.of("kv:3", Map.of("bucket", "web")));
    }

    @Test
    void runsTheExampleCharmsChangedHookWhichBecomesActiveOnceTheStoreIsReady() {
        Result waiting = juju.run("charm", "run-hook", WEBFRONT.toString(), "kv-relation-changed", "--remote-unit", "kvstore/0");
        assertThat(waiting.code()).as(waiting.toString()).isZero();
        assertThat(waiting.out()).contains("status set: waiting: waiting for kv\n");

        Result ready = juju.run("charm", "run-hook", WEBFRONT.toString(), "kv-relation-changed", "--members", "kvstore/0",
                "--remote-setting", "host=192.0.2.20", "--remote-setting", "port=7000", "--remote-setting", "bucket-ready=web");
        assertThat(ready.code()).as(ready.toString()).isZero();
        assertThat(ready.out()).contains("status set: active: using 192.0.2.20:7000\n")
                .contains("INFO backend: kvstore/0 at 192.0.2.20:7000, bucket-ready=web\n");
        assertThat(WEBFRONT.resolveSibling("state")).as("the example charm is left alone").doesNotExist();
    }

    @Test
    void showsDeletedSettingsAndTheUnitsOwnSettingsAsGiven() throws IOException {
        Path charm = probe("db-relation-changed", """
                echo "mine: $(relation-get user "$JUJU_UNIT_NAME")"
                relation-set user= password=s3cret
                """);
        Result result = juju.run("charm", "run-hook", charm.toString(), "db-relation-changed", "--remote-unit", "mysql/0",
                "--local-setting", "user=wp", "--unit", "blog/2");
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).contains("relation settings set:\n  db:0\n    password=s3cret\n    user (deleted)\n")
                .contains("stdout:\n  mine: wp\n");
    }

    @Test
    void aHookTheCharmHasNoFileForSucceedsSayingNothingRan() throws IOException {
        Path charm = probe("install", "true\n");
        Result result = juju.run("charm", "run-hook", charm.toString(), "start");
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out().replaceAll("\\(\\d+ ms\\)", "(N ms)")).isEqualTo("""
                hook: start
                exit code: 0 (N ms)
                not run: the charm has no hooks/start (a unit skips it the same way)
                """);
        Result json = juju.run("charm", "run-hook", charm.toString(), "start", "--format", "json");
        assertThat(YamlCodec.parseMap(json.out(), "output")).containsEntry("ran", false).containsEntry("exit-code", 0);
    }

    @Test
    void aFailingHookExitsOneAndShowsItsOwnCode() throws IOException {
        Path charm = probe("install", "echo \"giving up\" >&2\nopen-port 80\nexit 3\n");
        Result result = juju.run("charm", "run-hook", charm.toString(), "install");
        assertThat(result.code()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("exit code: 3 (").contains("failure: hook install exited with code 3\n")
                .contains("ports opened: 80/tcp\n").contains("stderr:\n  giving up\n");

        Result json = juju.run("charm", "run-hook", charm.toString(), "install", "--format", "json");
        assertThat(json.code()).isEqualTo(1);
        assertThat(YamlCodec.parseMap(json.out(), "output")).containsEntry("exit-code", 3)
                .containsEntry("failure", "hook install exited with code 3");
    }

    @Test
    void aHookThatIsNotExecutableFailsWith126NamingTheUsersFile() throws IOException {
        Path charm = probe("install", "true\n");
        Files.setPosixFilePermissions(charm.resolve("hooks/install"), PosixFilePermissions.fromString("rw-r--r--"));
        Result result = juju.run("charm", "run-hook", charm.toString(), "install");
        assertThat(result.code()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("exit code: 126 (")
                .contains("failure: hook install is not executable: " + charm.resolve("hooks/install") + " (chmod +x it)\n");
    }

    @Test
    void refusesBadInputWithOneLineNamingTheProblemAndRunsNothing() throws IOException {
        Path charm = probe("install", "touch " + temp.resolve("ran") + "\n");
        Files.copy(charm.resolve("hooks/install"), charm.resolve("hooks/db-relation-broken"));
        String dir = charm.toString();
        List<String> before = files(charm);
        assertRefused("is never sent a hook 'bogus'", dir, "bogus");
        assertRefused("is never sent a hook 'website-relation-joined'", dir, "website-relation-joined");
        assertRefused("--remote-unit does not apply to hook install: it is not a relation hook", dir, "install",
                "--remote-unit", "mysql/0");
        assertRefused("--relation does not apply to hook install", dir, "install", "--relation", "db");
        assertRefused("--local-setting does not apply to hook install", dir, "install", "--local-setting", "a=b");
        assertRefused("--members does not apply to hook db-relation-broken: a -broken hook has no remote unit", dir,
                "db-relation-broken", "--members", "mysql/0");
        assertRefused("--remote-setting does not apply to hook db-relation-broken", dir, "db-relation-broken",
                "--remote-setting", "a=b");
        assertRefused("--relation website does not match hook db-relation-joined (a hook of relation db)", dir,
                "db-relation-joined", "--relation", "website", "--remote-unit", "mysql/0");
        assertRefused("--relation: invalid relation id 'db:x'", dir, "db-relation-joined", "--relation", "db:x",
                "--remote-unit", "mysql/0");
        assertRefused("db-relation-changed needs a remote unit: give --remote-unit SERVICE/N or --members", dir,
                "db-relation-changed");
        assertRefused("--remote-unit: invalid unit name 'mysql'", dir, "db-relation-changed", "--remote-unit", "mysql");
        assertRefused("--remote-unit probe/0 is the unit itself", dir, "db-relation-changed", "--remote-unit", "probe/0");
        assertRefused("--members: invalid unit name 'x'", dir, "db-relation-joined", "--members", "mysql/0,x");
        assertRefused("--unit: invalid unit name 'probe'", dir, "install", "--unit", "probe");
        assertRefused("invalid --config 'code': expected KEY=VALUE", dir, "install", "--config", "code");
        assertRefused("invalid --remote-setting '=1': expected KEY=VALUE", dir, "db-relation-joined",
                "--remote-unit", "mysql/0", "--remote-setting", "=1");
        assertRefused("--config: ", dir, "install", "--config", "nope=1");
        assertRefused("--config: ", dir, "install", "--config", "code=many");
        assertRefused("--address: unknown address 'other-address'", dir, "install", "--address", "other-address=192.0.2.1");
        assertRefused("--stub: 'relation-get' is a hook tool", dir, "install", "--stub", "relation-get=true");
        assertThat(files(charm)).as("the charm is unchanged").isEqualTo(before);

        Result noCharm = juju.run("charm", "run-hook", temp.resolve("none").toString(), "install");
        assertThat(noCharm.code()).isEqualTo(9);
        assertThat(noCharm.err()).isEqualTo("error: " + temp.resolve("none") + ": charm directory not found\n");
        Result badFormat = juju.run("charm", "run-hook", dir, "install", "--format", "xml");
        assertThat(badFormat.code()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format").contains("xml");
    }

    @Test
    void stubsAndAddressesReachTheHook() throws IOException {
        Path charm = probe("install", "apt-get install -y nginx\necho \"at $(unit-get private-address)\"\n");
        Result result = juju.run("charm", "run-hook", charm.toString(), "install", "--stub", "apt-get=echo \"stubbed: $*\"",
                "--address", "private-address=192.0.2.77");
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).contains("stdout:\n  stubbed: install -y nginx\n  at 192.0.2.77\n");
    }

    private void assertRefused(String message, String... args) {
        String[] line = Stream.concat(Stream.of("charm", "run-hook"), Stream.of(args)).toArray(String[]::new);
        Result result = juju.run(line);
        assertThat(result.code()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(result.err().lines().toList()).as(result.toString()).hasSize(1);
        assertThat(result.err()).as(result.toString()).startsWith("error: ").contains(message);
        assertThat(temp.resolve("ran")).as("no hook ran").doesNotExist();
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.map(p -> dir.relativize(p) + " " + p.toFile().canExecute()).sorted().toList();
        }
    }

    /** A copy of the charm {@code probe} (requires {@code db}, option {@code code}: int, 0) with one hook {@code hook} running {@code body}. */
    private Path probe(String hook, String body) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("probe/hooks")).getParent();
        for (String file : List.of("metadata.yaml", "config.yaml", "revision")) {
            Files.copy(PROBE.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path file = dir.resolve("hooks").resolve(hook);
        Files.writeString(file, "#!/bin/bash\nset -e\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }
}
