package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The tool protocol's decoding: any bytes decode to a request or fail with a
 * {@link ProtocolException} (malformed) or {@link EOFException} (cut short), never anything else
 * and never an allocation past the limits; requests and replies survive encoding.
 */
class ToolWirePropertiesTest {

    @Property(tries = 300)
    void requestsRoundTrip(@ForAll("requests") ToolRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ToolWire.writeRequest(out, request);

        assertThat(ToolWire.readRequest(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(request);
    }

    @Property(tries = 300)
    void repliesRoundTrip(@ForAll int exitCode, @ForAll String stdout, @ForAll String stderr) throws IOException {
        ToolResult result = new ToolResult(exitCode, stdout, stderr);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ToolWire.writeReply(out, result);

        ToolResult back = ToolWire.readReply(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.exitCode()).isEqualTo(exitCode);
        assertThat(back.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(stdout.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void randomBytesDecodeCleanly(@ForAll @Size(max = 64) byte[] data, @ForAll boolean withMagic) {
        byte[] frame = withMagic ? concat(ToolWire.REQUEST_MAGIC, data) : data;
        decodeCleanly(frame);
    }

    @Property(tries = 1000)
    void damagedFramesDecodeCleanly(@ForAll("requests") ToolRequest request, @ForAll @IntRange(max = 400) int at,
                                    @ForAll byte value, @ForAll @IntRange(max = 400) int cutAt) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ToolWire.writeRequest(out, request);
        byte[] frame = out.toByteArray();
        frame[at % frame.length] = value;
        decodeCleanly(Arrays.copyOf(frame, Math.min(frame.length, cutAt)));
        decodeCleanly(frame);
    }

    @Property(tries = 200)
    void hugeDeclaredLengthsAreRefusedBeforeAllocating(@ForAll @IntRange(min = 4, max = 20) int fields,
                                                       @ForAll int length) {
        ByteBuffer frame = ByteBuffer.allocate(12).put(ToolWire.REQUEST_MAGIC).putInt(fields).putInt(length);
        decodeCleanly(frame.array());
        ByteBuffer reply = ByteBuffer.allocate(12).put(ToolWire.REPLY_MAGIC).putInt(0).putInt(length);
        try {
            ToolWire.readReply(new ByteArrayInputStream(reply.array()));
        } catch (ProtocolException | EOFException e) {
            assertThat(e.getMessage() == null ? "" : e.getMessage()).doesNotContain("\n");
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            fail("reply decoding leaked " + e, e);
        }
    }

    private static void decodeCleanly(byte[] frame) {
        try {
            ToolRequest request = ToolWire.readRequest(new ByteArrayInputStream(frame));
            assertThat(request.tool()).isNotNull();
        } catch (ProtocolException | EOFException e) {
            assertThat(e.getMessage() == null ? "" : e.getMessage()).doesNotContain("\n");
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            fail("request decoding leaked " + e, e);
        }
    }

    /** {@code a} followed by {@code b}. */
    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Provide
    Arbitrary<ToolRequest> requests() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(20)
                .filter(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
        return Combinators.combine(text, Arbitraries.of(HookTools.names()), text, text.list().ofMaxSize(6))
                .as((id, tool, cwd, args) -> new ToolRequest(id, tool, cwd, List.copyOf(args)));
    }
}
