package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Collectors;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/**
 * A charm directory, a real tool server and a runner in a temporary directory, plus a standard
 * unit to run hooks for. Hooks are bash scripts; {@link #PRELUDE} defines {@code t NAME CMD...},
 * which runs CMD and keeps its stdout, stderr and exit code for {@link #call(String)}.
 */
final class HookFixture implements AutoCloseable {
    static final UnitName UNIT = UnitName.parse("wordpress/0");
    static final UnitName MYSQL0 = UnitName.parse("mysql/0");
    static final UnitName MYSQL1 = UnitName.parse("mysql/1");
    static final UnitName MEMCACHED = UnitName.parse("memcached/0");
    static final RelationId DB = new RelationId(0);
    static final RelationId CACHE = new RelationId(3);
    static final RelationId DB2 = new RelationId(4);
    static final HookSpec DB_CHANGED = HookSpec.relation("changed", DB, "db", MYSQL0);

    private static final String PRELUDE = """
            #!/bin/bash
            mkdir -p "$CHARM_DIR/calls"
            t() { local name=$1; shift; "$@" >"$CHARM_DIR/calls/$name.out" 2>"$CHARM_DIR/calls/$name.err"; \
            echo $? >"$CHARM_DIR/calls/$name.rc"; }
            """;

    final Path charmDir;
    final Path unitLog;
    final ToolServer server;
    final HookRunner runner;

    HookFixture(Path temp) {
        try {
            charmDir = Files.createDirectories(temp.resolve("charm"));
            Files.createDirectories(charmDir.resolve("hooks"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        unitLog = temp.resolve("log/unit-wordpress-0.log");
        server = ToolServer.start(temp.resolve("agent.sock"));
        runner = new HookRunner(server);
    }

    /** The standard unit: config, addresses and three relations (db:0, cache:3, db:4). */
    static InMemoryContextData data() {
        return new InMemoryContextData(UNIT)
                .config("title", "My blog")
                .config("port", 80L)
                .config("ratio", 1.25)
                .config("debug", true)
                .config("empty", null)
                .address("private-address", "10.0.0.2")
                .address("public-address", "wp.example.com")
                .relation(DB, "db", MYSQL1, MYSQL0)
                .settings(DB, MYSQL0, Map.of("user", "wp", "password", "it's secret", "host", "10.0.0.5",
                        "data-dir", "/var/lib"))
                .settings(DB, MYSQL1, Map.of("user", "wp1"))
                .settings(DB, UNIT, Map.of("url", "http://wp"))
                .relation(CACHE, "cache", MEMCACHED)
                .settings(CACHE, MEMCACHED, Map.of("port", "11211"))
                .relation(DB2, "db");
    }

    /** Writes an executable bash hook: the prelude, then {@code body}. */
    Path hook(String name, String body) {
        Path hook = charmDir.resolve("hooks").resolve(name);
        write(hook, PRELUDE + body + "\n");
        try {
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hook;
    }

    HookResult run(HookSpec spec, ContextData data) {
        return runner.run(charmDir, spec, data, unitLog);
    }

    /** Writes {@code body} as {@code spec}'s hook and runs it, expecting exit 0. */
    HookResult runHook(HookSpec spec, ContextData data, String body) {
        hook(spec.hookName(), body);
        HookResult result = run(spec, data);
        assertThat(result.exitCode()).as("hook exit code; unit log:\n%s", log()).isZero();
        return result;
    }

    /** What {@code t NAME ...} captured. */
    Call call(String name) {
        Path calls = charmDir.resolve("calls");
        return new Call(Integer.parseInt(read(calls.resolve(name + ".rc")).trim()),
                read(calls.resolve(name + ".out")), read(calls.resolve(name + ".err")));
    }

    record Call(int rc, String out, String err) {
    }

    /** A file of {@code NAME=value} lines, as {@code tr '\\0' '\\n' < /proc/$$/environ} writes it. */
    static Map<String, String> environment(Path file) {
        return read(file).lines().filter(l -> !l.isEmpty())
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    String log() {
        return Files.exists(unitLog) ? read(unitLog) : "";
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
