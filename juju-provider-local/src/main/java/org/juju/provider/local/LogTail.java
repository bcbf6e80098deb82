package org.juju.provider.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.juju.state.error.ProviderException;

/** Reads the most telling line a daemon wrote to its log, for one-line error messages. */
final class LogTail {
    private static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_LINE = 300;
    private static final Pattern SUPERVISOR_LINE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d supervisor: ");

    private LogTail() {
    }

    /**
     * The most telling line written at or after byte {@code offset} of {@code log}: the last one
     * logged at ERROR level, else the last one that is not blank and not a stack frame
     * ({@code at ...}, {@code ... N more}), preferring the daemon's lines to those of its
     * {@link SupervisorScript} ("agent exited with status 1" tells less than why); cut to 300
     * characters. "(no output)" if there is none or the file cannot be read.
     */
    static String lastLine(Path log, long offset) {
        String text;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(offset, file.length() - MAX_BYTES);
            if (start >= file.length()) {
                return "(no output)";
            }
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output)";
        }
        String[] lines = text.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].contains(" ERROR ")) {
                return cut(lines[i].strip());
            }
        }
        String supervisorLine = null;
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("at ") || line.matches("\\.\\.\\. \\d+ more")) {
                continue;
            }
            if (!SUPERVISOR_LINE.matcher(line).lookingAt()) {
                return cut(line);
            }
            supervisorLine = supervisorLine == null ? line : supervisorLine;
        }
        return supervisorLine == null ? "(no output)" : cut(supervisorLine);
    }

    /**
     * A failure whose one-line message is {@code problem}, the most telling line the daemon logged
     * after {@code offset}, and where to read the rest: "PROBLEM: LINE; see LOG".
     */
    static ProviderException failure(String problem, Path log, long offset) {
        return new ProviderException(problem + ": " + lastLine(log, offset) + "; see " + log);
    }

    /** The size of {@code log} in bytes, 0 if it does not exist or cannot be read. */
    static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String cut(String line) {
        return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line;
    }
}
