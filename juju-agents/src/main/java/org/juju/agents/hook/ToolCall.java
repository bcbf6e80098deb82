package org.juju.agents.hook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.RelationId;

/**
 * One run of a hook tool: its context, parsed arguments and working directory, and the output it
 * produces. Used by one thread; the caller holds the context's monitor.
 */
final class ToolCall {
    private final HookContext context;
    private final ToolArgs args;
    private final Path cwd;
    private final OutputFormat format;
    private final StringBuilder stdout = new StringBuilder();

    /** @throws InvalidInputException for an unknown {@code --format}, before the tool does anything */
    ToolCall(HookContext context, ToolArgs args, Path cwd) {
        this.context = context;
        this.args = args;
        this.cwd = cwd;
        this.format = OutputFormat.parse(args.option(ToolOption.FORMAT).orElse("smart"));
    }

    HookContext context() {
        return context;
    }

    ToolArgs args() {
        return args;
    }

    String stdout() {
        return stdout.toString();
    }

    /** The relation given with {@code -r}, else the hook's own. */
    RelationId relation() {
        String given = args.option(ToolOption.RELATION).orElse(null);
        if (given != null) {
            return context.relation(given);
        }
        RelationId own = context.spec().relation();
        if (own == null) {
            throw new InvalidInputException("no relation id given: outside relation hooks use -r ID");
        }
        return own;
    }

    /** Prints {@code value} in the {@code --format} asked for, to {@code -o FILE} if given, else stdout. */
    void emit(Object value) {
        String text = format.render(value);
        String output = args.option(ToolOption.OUTPUT).orElse(null);
        if (output == null) {
            stdout.append(text);
            return;
        }
        Path file = path(output);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot write '" + file + "': " + reason(e), e);
        }
    }

    /**
     * Prints the value of one named item. In shell format that is {@code VAR_KEY='value'}, ready
     * for {@code eval}; in the other formats just the value.
     */
    void emitKeyed(String key, Object value) {
        if (format == OutputFormat.SHELL) {
            java.util.Map<String, Object> single = new java.util.LinkedHashMap<>();
            single.put(key, value);
            emit(single);
        } else {
            emit(value);
        }
    }

    /** Reads a file named by the hook, relative to its working directory, as UTF-8 text. */
    String read(String name, long maxBytes) {
        Path file = path(name);
        try {
            if (Files.size(file) > maxBytes) {
                throw new InvalidInputException("file '" + file + "' is larger than " + maxBytes + " bytes");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read '" + file + "': " + reason(e), e);
        }
    }

    /** A path named by the hook, resolved against its working directory. */
    Path path(String name) {
        Path given = Path.of(name);
        if (given.isAbsolute()) {
            return given;
        }
        if (cwd == null) {
            throw new InvalidInputException("cannot resolve '" + name + "': the tool's working directory is unknown");
        }
        return cwd.resolve(given);
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
