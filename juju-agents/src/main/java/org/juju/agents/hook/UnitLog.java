package org.juju.agents.hook;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unit log as one hook run writes to it: lines {@code TIME LEVEL HOOK SOURCE: text}, e.g.
 * {@code 2012-03-04T05:06:07.890Z ERROR install stderr: E: package not found}. The hook's stdout is
 * at INFO, its stderr at ERROR, {@code juju-log} lines at their level, the runner's own lines have
 * no source. Appends; each line is flushed.
 *
 * <p>Threading: {@link #line} is synchronized, so the output pumps and the tool server may write at
 * once. The file stays open while anyone uses it: the runner and each pump hold a reference, and
 * the last {@link #release()} closes it, so a pump that outlives its hook (a background process
 * holding the output open) still writes its lines. I/O errors are logged once, then lines dropped.
 */
final class UnitLog {
    private static final Logger LOG = LoggerFactory.getLogger(UnitLog.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** A longer line is split, so a hook printing without newlines cannot exhaust memory. */
    private static final int MAX_LINE_CHARS = 16 * 1024;

    private final Path file;
    private final String hookName;
    private final UnitLogListener listener;
    private final List<Thread> pumps = new ArrayList<>();
    private Writer writer;
    private int references = 1;

    private UnitLog(Path file, String hookName, UnitLogListener listener, Writer writer) {
        this.file = file;
        this.hookName = hookName;
        this.listener = listener;
        this.writer = writer;
    }

    /**
     * Opens the log for appending (creating it and its directory); the caller holds one reference.
     * {@code listener} is told of every line written.
     */
    static UnitLog open(Path file, String hookName, UnitLogListener listener) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        return new UnitLog(file, hookName, listener, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
    }

    /** Writes one line; {@code source} may be null for the runner's own lines. */
    synchronized void line(String level, String source, String text) {
        if (writer == null) {
            return;
        }
        listener.line(hookName, level, text);
        try {
            writer.write(TIME.format(Instant.now().truncatedTo(ChronoUnit.MILLIS)) + " " + level + " " + hookName
                    + (source == null ? "" : " " + source) + ": " + text + "\n");
            writer.flush();
        } catch (IOException e) {
            LOG.warn("Cannot write to the unit log {}; dropping its lines", file, e);
            closeWriter();
        }
    }

    void jujuLog(LogLine logLine) {
        line(logLine.level().name(), "juju-log", logLine.message());
    }

    /** Copies a stream into the log line by line, on its own thread, until end of stream. */
    synchronized void pump(InputStream stream, String source, String level) {
        references++;
        Thread thread = new Thread(() -> copy(stream, source, level), "hook-" + hookName + "-" + source);
        thread.setDaemon(true);
        pumps.add(thread);
        thread.start();
    }

    /** Waits up to {@code millis} in all for the pumps to reach end of stream; true if they did. */
    boolean awaitPumps(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<Thread> threads;
        synchronized (this) {
            threads = List.copyOf(pumps);
        }
        for (Thread thread : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                thread.join(left);
            }
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** Gives up one reference; the last closes the file. */
    synchronized void release() {
        if (--references == 0) {
            closeWriter();
        }
    }

    private void copy(InputStream stream, String source, String level) {
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            StringBuilder current = new StringBuilder();
            char[] chunk = new char[8192];
            int n;
            while ((n = reader.read(chunk)) >= 0) {
                for (int i = 0; i < n; i++) {
                    char c = chunk[i];
                    if (c == '\n' || current.length() >= MAX_LINE_CHARS) {
                        line(level, source, strip(current));
                        current.setLength(0);
                    }
                    if (c != '\n') {
                        current.append(c);
                    }
                }
            }
            if (current.length() > 0) {
                line(level, source, strip(current));
            }
        } catch (IOException e) {
            LOG.debug("Hook {} {} closed: {}", hookName, source, e.toString());
        } finally {
            release();
        }
    }

    private static String strip(StringBuilder line) {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    private void closeWriter() {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            LOG.debug("Closing the unit log {}: {}", file, e.toString());
        }
        writer = null;
    }
}
