package org.juju.agents.charmkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A hook's stdout and stderr, read back from the unit log lines one run appended
 * ({@code TIME LEVEL HOOK stdout: text}, see the hook runner's unit log format).
 */
record HookOutput(List<String> stdout, List<String> stderr) {
    /** The output lines of {@code hookName} written to {@code unitLog} after byte {@code offset}. */
    static HookOutput read(Path unitLog, long offset, String hookName) {
        List<String> stdout = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        String out = " " + hookName + " stdout: ";
        String err = " " + hookName + " stderr: ";
        for (String line : appended(unitLog, offset).split("\n", -1)) {
            int level = line.indexOf(' ');
            String rest = level < 0 ? "" : line.substring(level);
            int source = rest.indexOf(' ', 1);
            String tail = source < 0 ? "" : rest.substring(source);
            if (tail.startsWith(out)) {
                stdout.add(tail.substring(out.length()));
            } else if (tail.startsWith(err)) {
                stderr.add(tail.substring(err.length()));
            }
        }
        return new HookOutput(stdout, stderr);
    }

    private static String appended(Path unitLog, long offset) {
        if (!Files.exists(unitLog)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(unitLog.toFile(), "r")) {
            long length = file.length() - offset;
            if (length <= 0) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length, Integer.MAX_VALUE - 8)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SimulatedUnit.internal("cannot read the unit log " + unitLog, e);
        }
    }
}
