package org.juju.agents.hook;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes the tool protocol; see {@link ToolServer} for its description. Both directions are
 * implemented so tests (and a Java client) can speak it. Stateless and thread-safe.
 */
final class ToolWire {
    static final byte[] REQUEST_MAGIC = {'J', 'J', 'T', '1'};
    static final byte[] REPLY_MAGIC = {'J', 'J', 'R', '1'};
    /** client id, tool, cwd, then the arguments. */
    static final int FIXED_FIELDS = 3;
    static final int MAX_FIELDS = FIXED_FIELDS + 4096;
    static final int MAX_FIELD_BYTES = 1 << 20;
    static final int MAX_REQUEST_BYTES = 8 << 20;
    /** Longest stdout or stderr a reply may declare; a larger length is a malformed reply, not an allocation. */
    static final int MAX_REPLY_STREAM_BYTES = 16 << 20;

    private ToolWire() {
    }

    /**
     * Reads one request.
     *
     * @throws ProtocolException if it is malformed or over the limits
     * @throws EOFException if the peer closed before sending all of it
     */
    static ToolRequest readRequest(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = new byte[4];
        in.readFully(magic);
        if (!Arrays.equals(magic, REQUEST_MAGIC)) {
            throw new ProtocolException("not a hook tool request");
        }
        int count = in.readInt();
        if (count < FIXED_FIELDS || count > MAX_FIELDS) {
            throw new ProtocolException("bad field count " + Integer.toUnsignedString(count));
        }
        List<String> fields = new ArrayList<>(count);
        long total = 0;
        for (int i = 0; i < count; i++) {
            int length = in.readInt();
            total += Integer.toUnsignedLong(length);
            if (length < 0 || length > MAX_FIELD_BYTES || total > MAX_REQUEST_BYTES) {
                throw new ProtocolException("field " + i + " is too long");
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            fields.add(utf8(bytes, i));
        }
        return new ToolRequest(fields.get(0), fields.get(1), fields.get(2), fields.subList(FIXED_FIELDS, count));
    }

    static void writeRequest(OutputStream stream, ToolRequest request) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.write(REQUEST_MAGIC);
        out.writeInt(FIXED_FIELDS + request.args().size());
        for (String field : List.of(request.clientId(), request.tool(), request.cwd())) {
            field(out, field);
        }
        for (String arg : request.args()) {
            field(out, arg);
        }
        out.flush();
    }

    static void writeReply(OutputStream stream, ToolResult result) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.write(REPLY_MAGIC);
        out.writeInt(result.exitCode());
        field(out, result.stdout());
        field(out, result.stderr());
        out.flush();
    }

    static ToolResult readReply(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = new byte[4];
        in.readFully(magic);
        if (!Arrays.equals(magic, REPLY_MAGIC)) {
            throw new ProtocolException("not a hook tool reply");
        }
        int exitCode = in.readInt();
        String[] streams = new String[2];
        for (int i = 0; i < 2; i++) {
            int length = in.readInt();
            if (length < 0 || length > MAX_REPLY_STREAM_BYTES) {
                throw new ProtocolException("bad length " + Integer.toUnsignedString(length));
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            streams[i] = new String(bytes, StandardCharsets.UTF_8);
        }
        return new ToolResult(exitCode, streams[0], streams[1]);
    }

    private static void field(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String utf8(byte[] bytes, int field) throws ProtocolException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(field < FIXED_FIELDS ? "field " + field + " is not UTF-8"
                    : "argument " + (field - FIXED_FIELDS + 1) + " is not valid UTF-8");
        }
    }
}
