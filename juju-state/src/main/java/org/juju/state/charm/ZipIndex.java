package org.juju.state.charm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.juju.state.error.CharmException;

/**
 * Reads the central directory of a zip file for what {@link java.util.zip.ZipFile} does not
 * expose: the unix mode of each entry. Entries not made on unix get 0755 for directories and 0644
 * for files.
 */
final class ZipIndex {
    /** One central directory record: the entry name and its unix mode (type bits included). */
    record Entry(String name, int mode) {
        boolean isDirectory() {
            return (mode & ZipWriter.TYPE_MASK) == ZipWriter.TYPE_DIR || name.endsWith("/");
        }

        boolean isSymlink() {
            return (mode & ZipWriter.TYPE_MASK) == ZipWriter.TYPE_SYMLINK;
        }
    }

    private static final int END_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;

    private ZipIndex() {
    }

    static List<Entry> read(Path zip) {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, END_SIZE + MAX_COMMENT);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            int end = tailLength - END_SIZE;
            while (end >= 0 && tail.getInt(end) != 0x06054b50) {
                end--;
            }
            if (end < 0) {
                throw new CharmException(zip + ": not a zip file (no end of central directory)");
            }
            int count = Short.toUnsignedInt(tail.getShort(end + 10));
            long cdSize = Integer.toUnsignedLong(tail.getInt(end + 12));
            long cdOffset = Integer.toUnsignedLong(tail.getInt(end + 16));
            if (count == 0xFFFF || cdOffset == 0xFFFFFFFFL || cdOffset + cdSize > size) {
                throw new CharmException(zip + ": unsupported or damaged zip (zip64 or bad central directory)");
            }
            return entries(zip, read(channel, cdOffset, (int) cdSize), count);
        } catch (IOException e) {
            throw new CharmException(zip + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<Entry> entries(Path zip, ByteBuffer cd, int count) {
        List<Entry> entries = new ArrayList<>(count);
        int pos = 0;
        for (int i = 0; i < count; i++) {
            if (pos + 46 > cd.limit() || cd.getInt(pos) != 0x02014b50) {
                throw new CharmException(zip + ": damaged zip (bad central directory record " + i + ")");
            }
            int madeBy = Short.toUnsignedInt(cd.getShort(pos + 4)) >>> 8;
            int nameLength = Short.toUnsignedInt(cd.getShort(pos + 28));
            int extraLength = Short.toUnsignedInt(cd.getShort(pos + 30));
            int commentLength = Short.toUnsignedInt(cd.getShort(pos + 32));
            int external = cd.getInt(pos + 38);
            if (pos + 46 + nameLength > cd.limit()) {
                throw new CharmException(zip + ": damaged zip (entry name beyond the central directory)");
            }
            byte[] nameBytes = new byte[nameLength];
            cd.get(pos + 46, nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            int unix = madeBy == 3 ? external >>> 16 : 0;
            boolean dir = name.endsWith("/");
            int type = (unix & ZipWriter.TYPE_MASK) != 0 ? unix & ZipWriter.TYPE_MASK
                    : dir ? ZipWriter.TYPE_DIR : ZipWriter.TYPE_FILE;
            int permissions = (unix & 07777) != 0 ? unix & 07777 : dir ? 0755 : 0644;
            entries.add(new Entry(name, type | permissions));
            pos += 46 + nameLength + extraLength + commentLength;
        }
        return entries;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }
}
