package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.juju.state.error.ConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tool server that listens only while a hook context is registered. */
class ToolServerOnDemandTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    @TempDir
    Path temp;

    private static ToolResult call(Path socket, ToolRequest request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ToolWire.writeRequest(Channels.newOutputStream(channel), request);
            return ToolWire.readReply(Channels.newInputStream(channel));
        }
    }

    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("hook-tools-") && !t.getName().contains("watchdog") && t.isAlive())
                .count();
    }

    private static HookContext context() {
        return new HookContext(HookSpec.unit("install"), HookFixture.data());
    }

    @Test
    void holdsNoSocketAndNoThreadBetweenHooksAndServesEachHookWhileItRuns() throws IOException {
        long before = serverThreads();
        try (ToolServer server = ToolServer.onDemand(temp.resolve("agent.sock"))) {
            assertThat(server.socket()).doesNotExist();
            assertThat(serverThreads()).isEqualTo(before);

            for (int hook = 0; hook < 2; hook++) {
                try (ToolServer.Client client = server.register(context())) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.socket())))
                            .isEqualTo("rw-------");
                    assertThat(call(server.socket(), new ToolRequest(client.id(), "config-get", "/", List.of("port")))
                            .stdout()).isEqualTo("80\n");
                }
                assertThat(server.socket()).doesNotExist();
                assertThatThrownBy(() -> SocketChannel.open(UnixDomainSocketAddress.of(server.socket())))
                        .isInstanceOf(IOException.class);
                await().atMost(TIMEOUT).until(() -> serverThreads() == before);
            }
        }
    }

    @Test
    void listensUntilTheLastOfSeveralClientsCloses() throws IOException {
        try (ToolServer server = ToolServer.onDemand(temp.resolve("agent.sock"))) {
            ToolServer.Client first = server.register(context());
            ToolServer.Client second = server.register(context());

            first.close();
            first.close(); // idempotent: must not count as the second's close

            assertThat(call(server.socket(), new ToolRequest(second.id(), "config-get", "/", List.of("port"))).stdout())
                    .isEqualTo("80\n");
            second.close();
            assertThat(server.socket()).doesNotExist();
        }
    }

    @Test
    void refusesAPathWhereAnotherServerListensAndReplacesAStaleSocket() throws IOException {
        Path socket = temp.resolve("agent.sock");
        try (ToolServer live = ToolServer.start(socket)) {
            assertThatThrownBy(() -> ToolServer.onDemand(socket)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("another server is listening there");
            assertThat(live.socket()).exists();
        }
        Path stale = temp.resolve("stale.sock");
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(stale)).close();
        assertThat(stale).exists(); // what a crashed agent leaves

        try (ToolServer server = ToolServer.onDemand(stale)) {
            assertThat(stale).doesNotExist();
            try (ToolServer.Client client = server.register(context())) {
                assertThat(call(stale, new ToolRequest(client.id(), "config-get", "/", List.of("port"))).exitCode()).isZero();
            }
        }
    }

    @Test
    void closingAServerBetweenHooksLeavesAnotherServersSocketAlone() {
        Path socket = temp.resolve("agent.sock");
        ToolServer idle = ToolServer.onDemand(socket);
        try (ToolServer other = ToolServer.start(socket)) {
            idle.close();

            assertThat(socket).as("the other server's socket").exists();
        }
    }

    @Test
    void aClosedServerRegistersNothingAndLeavesNoSocket() {
        ToolServer server = ToolServer.onDemand(temp.resolve("agent.sock"));
        ToolServer.Client client = server.register(context());

        server.close();

        assertThat(server.socket()).doesNotExist();
        assertThatThrownBy(() -> server.register(context())).isInstanceOf(ConflictException.class);
        client.close();
        assertThat(server.socket()).doesNotExist();
    }
}
