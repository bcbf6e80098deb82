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
import java.util.Random;
import org.juju.state.testing.Gen;
import org.juju.state.testing.Gens;
import org.juju.state.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * The tool protocol's decoding: any bytes decode to a request or fail with a
 * {@link ProtocolException} (malformed) or {@link EOFException} (cut short), never anything else
 * and never an allocation past the limits; requests and replies survive encoding.
 */
class ToolWirePropertiesTest {

    @Test
    void requestsRoundTrip() {
        Properties.forAll("requests round-trip", 300, requests(), request -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ToolWire.writeRequest(out, request);

            assertThat(ToolWire.readRequest(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(request);
        });
    }

    @Test
    void repliesRoundTrip() {
        Gen<Integer> codes = Gens.ints();
        Gen<String> text = Gens.strings(100);
        Gen<ToolResult> results = random -> new ToolResult(codes.next(random), text.next(random), text.next(random));
        Properties.forAll("replies round-trip", 300, results, result -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ToolWire.writeReply(out, result);

            ToolResult back = ToolWire.readReply(new ByteArrayInputStream(out.toByteArray()));
            assertThat(back.exitCode()).isEqualTo(result.exitCode());
            assertThat(back.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(result.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
    }

    private record Frame(byte[] data, boolean withMagic) {
    }

    @Test
    void randomBytesDecodeCleanly() {
        Gen<byte[]> bytes = Gens.bytes(64);
        Gen<Frame> frames = random -> new Frame(bytes.next(random), random.nextBoolean());
        Properties.forAll("random bytes decode cleanly", 1000, frames, frame ->
                decodeCleanly(frame.withMagic() ? concat(ToolWire.REQUEST_MAGIC, frame.data()) : frame.data()));
    }

    private record Damage(ToolRequest request, int at, byte value, int cutAt) {
    }

    @Test
    void damagedFramesDecodeCleanly() {
        Gen<ToolRequest> requests = requests();
        Gen<Integer> positions = Gens.ints(0, 400);
        Gen<Damage> damages = random -> new Damage(requests.next(random), positions.next(random),
                (byte) random.nextInt(256), positions.next(random));
        Properties.forAll("damaged frames decode cleanly", 1000, damages, damage -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ToolWire.writeRequest(out, damage.request());
            byte[] frame = out.toByteArray();
            frame[damage.at() % frame.length] = damage.value();
            decodeCleanly(Arrays.copyOf(frame, Math.min(frame.length, damage.cutAt())));
            decodeCleanly(frame);
        });
    }

    private record Declared(int fields, int length) {
    }

    @Test
    void hugeDeclaredLengthsAreRefusedBeforeAllocating() {
        Gen<Integer> fields = Gens.ints(4, 20);
        Gen<Integer> lengths = Gens.ints();
        Gen<Declared> declared = random -> new Declared(fields.next(random), lengths.next(random));
        Properties.forAll("huge declared lengths are refused before allocating", 200, declared, input -> {
            ByteBuffer frame = ByteBuffer.allocate(12).put(ToolWire.REQUEST_MAGIC).putInt(input.fields())
                    .putInt(input.length());
            decodeCleanly(frame.array());
            ByteBuffer reply = ByteBuffer.allocate(12).put(ToolWire.REPLY_MAGIC).putInt(0).putInt(input.length());
            try {
                ToolWire.readReply(new ByteArrayInputStream(reply.array()));
            } catch (ProtocolException | EOFException e) {
                assertThat(e.getMessage() == null ? "" : e.getMessage()).doesNotContain("\n");
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                fail("reply decoding leaked " + e, e);
            }
        });
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

    private static Gen<ToolRequest> requests() {
        Gen<String> text = Gens.strings(20).filter(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
        Gen<String> tools = Gens.of(HookTools.names());
        Gen<List<String>> args = text.list(6);
        return (Random random) -> new ToolRequest(text.next(random), tools.next(random), text.next(random),
                List.copyOf(args.next(random)));
    }
}
