package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C client run directly, outside any hook or with a wrong identity. */
class ToolClientTest {
    @TempDir
    Path temp;
    ToolServer server;

    @BeforeEach
    void setUp() {
        server = ToolServer.start(temp.resolve("agent.sock"));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    record Run(int rc, String out, String err) {
    }

    private static Run run(Map<String, String> env, String program, String... args) {
        List<String> command = new ArrayList<>();
        command.add(HookTools.directory().resolve(program).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = process.waitFor();
            return new Run(rc, out, new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void isInstalledUnderEveryToolsName() throws IOException {
        for (String tool : HookTools.names()) {
            Path link = HookTools.directory().resolve(tool);
            assertThat(link).as(tool).isSymbolicLink();
            assertThat(link.toRealPath()).isEqualTo(HookTools.directory().resolve(HookTools.CLIENT).toRealPath());
        }
    }

    @Test
    void outsideAHookExitsTwoWithAMessage() {
        Run run = run(Map.of("PATH", "/usr/bin:/bin"), "relation-get", "user");

        assertThat(run).isEqualTo(new Run(2, "",
                "relation-get: not running in a hook (JUJU_AGENT_SOCKET and JUJU_CLIENT_ID are not set)\n"));
    }

    @Test
    void withOnlyOneVariableSetIsStillOutsideAHook() {
        Run run = run(Map.of("JUJU_AGENT_SOCKET", server.socket().toString()), "config-get");

        assertThat(run.rc()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("config-get: not running in a hook (JUJU_AGENT_SOCKET and JUJU_CLIENT_ID are not set)\n");
    }

    @Test
    void anUnknownClientIdIsRefused() {
        Run run = run(Map.of("JUJU_AGENT_SOCKET", server.socket().toString(), "JUJU_CLIENT_ID", "0123456789abcdef"),
                "relation-list");

        assertThat(run).isEqualTo(new Run(2, "",
                "relation-list: not in a hook context (the client id is unknown or its hook has finished)\n"));
    }

    @Test
    void anExpiredClientIdIsRefused() {
        ToolServer.Client client = server.register(new HookContext(HookSpec.unit("install"), HookFixture.data()));
        Map<String, String> env = Map.of("JUJU_AGENT_SOCKET", server.socket().toString(), "JUJU_CLIENT_ID", client.id());
        assertThat(run(env, "config-get", "title")).isEqualTo(new Run(0, "My blog\n", ""));

        client.close();

        assertThat(run(env, "config-get", "title").err()).contains("not in a hook context");
    }

    @Test
    void anUnreachableAgentExitsTwo() {
        Run run = run(Map.of("JUJU_AGENT_SOCKET", temp.resolve("nothing.sock").toString(), "JUJU_CLIENT_ID", "x"),
                "unit-get", "private-address");

        assertThat(run.rc()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("unit-get: cannot reach the unit agent at " + temp.resolve("nothing.sock")
                + ": No such file or directory\n");
    }

    @Test
    void runAsItselfTakesTheToolFromItsFirstArgument() throws IOException {
        ToolServer.Client client = server.register(new HookContext(HookSpec.unit("install"), HookFixture.data()));
        Map<String, String> env = Map.of("JUJU_AGENT_SOCKET", server.socket().toString(), "JUJU_CLIENT_ID", client.id());

        assertThat(run(env, HookTools.CLIENT, "config-get", "port")).isEqualTo(new Run(0, "80\n", ""));
        assertThat(run(env, HookTools.CLIENT).rc()).isEqualTo(2);
        Path other = Files.createSymbolicLink(temp.resolve("no-such-tool"), HookTools.directory().resolve(HookTools.CLIENT));
        Run unknown = run(env, other.toString()); // an absolute path resolves to itself
        assertThat(unknown.rc()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("no-such-tool: unknown hook tool");
        Files.delete(other);
    }
}
