package org.juju.state.charm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a zip file entry by entry, with unix modes in the external attributes and nothing that
 * depends on the time or the machine: every entry carries the same timestamp
 * (2000-01-01 00:00:00) and no extra fields, so the same entries in the same order always give the
 * same bytes (given the same deflate implementation). No zip64: entries and the archive stay below
 * 4 GiB, at most 65535 entries.
 */
final class ZipWriter {
    static final int TYPE_MASK = 0170000;
    static final int TYPE_FILE = 0100000;
    static final int TYPE_DIR = 0040000;
    static final int TYPE_SYMLINK = 0120000;

    private static final int DOS_DATE_2000_01_01 = (20 << 9) | (1 << 5) | 1;
    private static final int DOS_TIME_MIDNIGHT = 0;
    private static final int VERSION_MADE_BY_UNIX = (3 << 8) | 20;
    private static final int VERSION_NEEDED = 20;
    private static final int FLAG_UTF8 = 0x0800;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    private static final long LIMIT = 0xFFFFFFFFL;

    private final OutputStream out;
    private final ByteArrayOutputStream central = new ByteArrayOutputStream();
    private long offset;
    private int entries;

    ZipWriter(OutputStream out) {
        this.out = out;
    }

    /** Adds an entry; {@code mode} is the full unix mode, type bits included. */
    void add(String name, int mode, byte[] content) throws IOException {
        boolean deflate = (mode & TYPE_MASK) == TYPE_FILE;
        byte[] data = deflate ? deflate(content) : content;
        CRC32 crc = new CRC32();
        crc.update(content);
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (offset > LIMIT || entries == 0xFFFF) {
            throw new IOException("too many or too large files for a zip without zip64");
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int32(header, 0x04034b50);
        common(header, deflate ? DEFLATED : STORED, crc.getValue(), data.length, content.length, nameBytes.length);
        header.write(nameBytes);
        int32(central, 0x02014b50);
        int16(central, VERSION_MADE_BY_UNIX);
        common(central, deflate ? DEFLATED : STORED, crc.getValue(), data.length, content.length, nameBytes.length);
        int16(central, 0); // comment length
        int16(central, 0); // disk number
        int16(central, 0); // internal attributes
        int32(central, ((long) mode << 16) | ((mode & TYPE_MASK) == TYPE_DIR ? 0x10 : 0));
        int32(central, offset);
        central.write(nameBytes);
        header.writeTo(out);
        out.write(data);
        offset += header.size() + data.length;
        entries++;
    }

    /** Writes the central directory and the end record; the stream is left open. */
    void finish() throws IOException {
        if (offset + central.size() > LIMIT) {
            throw new IOException("archive too large for a zip without zip64");
        }
        central.writeTo(out);
        ByteArrayOutputStream end = new ByteArrayOutputStream();
        int32(end, 0x06054b50);
        int16(end, 0);
        int16(end, 0);
        int16(end, entries);
        int16(end, entries);
        int32(end, central.size());
        int32(end, offset);
        int16(end, 0);
        end.writeTo(out);
        out.flush();
    }

    private static void common(ByteArrayOutputStream b, int method, long crc, long compressed, long size, int nameLength) {
        int16(b, VERSION_NEEDED);
        int16(b, FLAG_UTF8);
        int16(b, method);
        int16(b, DOS_TIME_MIDNIGHT);
        int16(b, DOS_DATE_2000_01_01);
        int32(b, crc);
        int32(b, compressed);
        int32(b, size);
        int16(b, nameLength);
        int16(b, 0); // extra field length
    }

    private static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(content);
            deflater.finish();
            ByteArrayOutputStream result = new ByteArrayOutputStream(Math.max(64, content.length / 2));
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                result.write(buffer, 0, deflater.deflate(buffer));
            }
            return result.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void int16(ByteArrayOutputStream b, int value) {
        b.write(value & 0xFF);
        b.write((value >>> 8) & 0xFF);
    }

    private static void int32(ByteArrayOutputStream b, long value) {
        int16(b, (int) (value & 0xFFFF));
        int16(b, (int) ((value >>> 16) & 0xFFFF));
    }
}
