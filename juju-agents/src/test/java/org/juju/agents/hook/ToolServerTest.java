package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.juju.state.error.ConflictException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool server at the protocol level, spoken from Java. */
class ToolServerTest {
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

    private ToolResult call(ToolRequest request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(server.socket()))) {
            ToolWire.writeRequest(Channels.newOutputStream(channel), request);
            return ToolWire.readReply(Channels.newInputStream(channel));
        }
    }

    @Test
    void servesARegisteredContext() throws IOException {
        ToolServer.Client client = server.register(new HookContext(HookFixture.DB_CHANGED, HookFixture.data()));

        ToolResult result = call(new ToolRequest(client.id(), "relation-get", "/", List.of("--format", "json", "user")));

        assertThat(result).isEqualTo(new ToolResult(0, "\"wp\"\n", ""));
    }

    @Test
    void givesEachRegistrationItsOwnId() {
        HookContext context = new HookContext(HookSpec.unit("install"), HookFixture.data());

        assertThat(server.register(context).id()).isNotEqualTo(server.register(context).id());
    }

    @Test
    void theSocketIsForTheOwnerOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.socket()))).isEqualTo("rw-------");
    }

    @Test
    void answersAMalformedRequestWithExitTwo() throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(server.socket()))) {
            channel.write(ByteBuffer.wrap("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ToolResult reply = ToolWire.readReply(Channels.newInputStream(channel));

            assertThat(reply).isEqualTo(new ToolResult(2, "", "juju-hook-tool: malformed request: not a hook tool request\n"));
        }
    }

    @Test
    void refusesArgumentsThatAreNotUtf8() throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(server.socket()))) {
            ByteBuffer request = ByteBuffer.allocate(64);
            request.put("JJT1".getBytes(StandardCharsets.US_ASCII)).putInt(4);
            for (byte[] field : new byte[][] {{'i', 'd'}, "juju-log".getBytes(StandardCharsets.US_ASCII), {'/'}, {(byte) 0xff}}) {
                request.putInt(field.length).put(field);
            }
            channel.write(request.flip());

            assertThat(ToolWire.readReply(Channels.newInputStream(channel)).stderr())
                    .isEqualTo("juju-hook-tool: malformed request: argument 1 is not valid UTF-8\n");
        }
    }

    @Test
    void anIdleConnectionDoesNotHoldUpOthers() throws IOException {
        try (SocketChannel idle = SocketChannel.open(UnixDomainSocketAddress.of(server.socket()))) {
            ToolServer.Client client = server.register(new HookContext(HookSpec.unit("install"), HookFixture.data()));

            assertThat(call(new ToolRequest(client.id(), "config-get", "/", List.of("port"))).stdout()).isEqualTo("80\n");
            assertThat(idle.isConnected()).isTrue();
        }
    }

    @Test
    void holdsOneThreadUntilConnectionsComeInParallelThenUpToFour() throws IOException {
        assertThat(serverThreads()).isEqualTo(1);
        List<SocketChannel> idle = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                idle.add(SocketChannel.open(UnixDomainSocketAddress.of(server.socket())));
            }
            ToolServer.Client client = server.register(new HookContext(HookSpec.unit("install"), HookFixture.data()));

            assertThat(call(new ToolRequest(client.id(), "config-get", "/", List.of("port"))).stdout())
                    .as("three connections held, a fourth served").isEqualTo("80\n");
            assertThat(serverThreads()).isEqualTo(4);
        } finally {
            for (SocketChannel channel : idle) {
                channel.close();
            }
        }
    }

    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("hook-tools-") && !t.getName().contains("watchdog") && t.isAlive())
                .count();
    }

    @Test
    void closingRemovesTheSocketAndForgetsClients() {
        ToolServer.Client client = server.register(new HookContext(HookSpec.unit("install"), HookFixture.data()));

        server.close();

        assertThat(server.socket()).doesNotExist();
        assertThatThrownBy(() -> SocketChannel.open(UnixDomainSocketAddress.of(server.socket()))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> server.register(new HookContext(HookSpec.unit("install"), HookFixture.data())))
                .isInstanceOf(ConflictException.class);
        client.close();
    }

    @Test
    void replacesAStaleSocketButNotALiveOne() throws IOException {
        Path stale = temp.resolve("stale.sock");
        var orphan = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(stale));
        orphan.close(); // the file stays, nobody listens: what a crashed agent leaves

        try (ToolServer replacement = ToolServer.start(stale)) {
            assertThat(replacement.socket()).exists();
            assertThatThrownBy(() -> ToolServer.start(stale)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("another server is listening there");
        }
        Path regular = Files.writeString(temp.resolve("file.sock"), "x");
        assertThatThrownBy(() -> ToolServer.start(regular)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("is not a socket");
    }

    @Test
    void rejectsASocketPathTooLongForTheSystem() {
        Path deep = temp.resolve("d".repeat(120) + ".sock");

        assertThatThrownBy(() -> ToolServer.start(deep)).hasMessageStartingWith("socket path too long");
    }
}
