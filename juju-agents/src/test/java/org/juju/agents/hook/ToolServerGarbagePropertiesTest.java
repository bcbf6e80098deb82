package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import org.juju.state.testing.Gen;
import org.juju.state.testing.Gens;
import org.juju.state.testing.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real tool server fed garbage (random bytes, the magic then random bytes, cut frames, frames
 * declaring huge fields): the caller gets a "malformed request" reply or a closed connection,
 * and the server answers the next, valid, call as usual.
 */
class ToolServerGarbagePropertiesTest {
    @TempDir
    static Path dir;
    private static ToolServer server;
    private static ToolServer.Client client;

    @BeforeAll
    static void start() {
        server = ToolServer.start(dir.resolve("agent.sock"));
        client = server.register(new HookContext(HookSpec.unit("install"), HookFixture.data()));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void garbageGetsAnErrorAndTheNextCallerIsServed() {
        Properties.forAll("garbage gets an error and the next caller is served", 150, garbage(),
                ToolServerGarbagePropertiesTest::sendGarbageThenCall);
    }

    private static void sendGarbageThenCall(byte[] garbage) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(server.socket()))) {
            channel.write(ByteBuffer.wrap(garbage));
            channel.shutdownOutput();
            try {
                ToolResult reply = ToolWire.readReply(Channels.newInputStream(channel));
                assertThat(reply.exitCode()).isEqualTo(HookTools.EXIT_USAGE);
                assertThat(reply.stderr()).startsWith("juju-hook-tool: malformed request: ").hasLineCount(1);
            } catch (EOFException | ProtocolException e) {
                // a cut frame: the server dropped the connection without a reply
            } catch (IOException e) {
                assertThat(e.getMessage()).as("only a reset by the server").containsIgnoringCase("reset");
            }
        }

        assertThat(call(new ToolRequest(client.id(), "config-get", "/", List.of("port"))).stdout()).isEqualTo("80\n");
    }

    private static ToolResult call(ToolRequest request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(server.socket()))) {
            ToolWire.writeRequest(Channels.newOutputStream(channel), request);
            return ToolWire.readReply(Channels.newInputStream(channel));
        }
    }

    private static Gen<byte[]> garbage() {
        Gen<byte[]> random = Gens.bytes(200);
        Gen<byte[]> afterMagic = random.map(bytes -> ToolWirePropertiesTest.concat(ToolWire.REQUEST_MAGIC, bytes));
        Gen<byte[]> hugeField = Gens.ints().map(length -> ByteBuffer.allocate(16)
                .put(ToolWire.REQUEST_MAGIC).putInt(4).putInt(length).putInt(0).array());
        Gen<byte[]> cut = Gens.ints(0, 60).map(n -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try {
                ToolWire.writeRequest(out, new ToolRequest(client.id(), "relation-get", "/", List.of("-r", "db:0", "user")));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            byte[] frame = out.toByteArray();
            return java.util.Arrays.copyOf(frame, Math.min(n, frame.length - 1));
        });
        return Gens.oneOf(random, afterMagic, hugeField, cut);
    }
}
