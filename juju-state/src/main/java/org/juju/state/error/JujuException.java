package org.juju.state.error;

import java.util.Objects;

/**
 * Root of every failure the project reports. Unchecked; its message is one line meant for the
 * user (it names the problem and, where useful, what to do), and its {@link ErrorCode} classifies
 * it. Library exceptions ({@code KeeperException}, YAML, I/O) are translated into this hierarchy in
 * one place per module and never leak through public APIs.
 */
public class JujuException extends RuntimeException {
    /** Longest message kept; input echoed into a message (a 4 MiB value) is cut to this. */
    public static final int MAX_MESSAGE = 1000;
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public JujuException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public JujuException(ErrorCode code, String message, Throwable cause) {
        super(oneLine(Objects.requireNonNull(message, "message")), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** What kind of failure this is. */
    public ErrorCode code() {
        return code;
    }

    /**
     * The message as one printable line: messages often quote what the user or a foreign client
     * gave (a name, a value, a file's line), which may hold line breaks, control characters or
     * megabytes; those are escaped (as {@code \n} or a {@code \\uXXXX} code) and the line cut at
     * {@link #MAX_MESSAGE} characters, so one error is always one line of a log or a terminal.
     */
    static String oneLine(String message) {
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_MESSAGE + 40));
        int i = 0;
        for (; i < message.length() && out.length() < MAX_MESSAGE; i++) {
            char c = message.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || c == 0x85) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (i < message.length()) {
            out.append("... (cut)");
        }
        return out.toString();
    }
}
