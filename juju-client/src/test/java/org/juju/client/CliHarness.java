package org.juju.client;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs {@code juju} command lines in-process with their own JUJU_HOME and captured output. */
final class CliHarness {
    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";
    private Terminal terminal;

    CliHarness(Path jujuHome) {
        env.put("JUJU_HOME", jujuHome.toString());
    }

    CliHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliHarness stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** Runs the children of ssh and debug-hooks with {@code terminal} instead of capturing their output. */
    CliHarness terminal(Terminal terminal) {
        this.terminal = terminal;
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ClientContext context = new ClientContext(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                terminal != null ? terminal : capturing(out, err));
        int code = JujuMain.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A terminal that runs a child with no input and its output into the command's own. */
    private static Terminal capturing(StringWriter out, StringWriter err) {
        return command -> {
            Process process = Terminal.start(command.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))));
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            out.write(read(process.getInputStream()));
            err.write(errors.join());
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an environments.yaml with one local environment named {@code name}. */
    static void writeEnvironments(Path jujuHome, String text) throws IOException {
        Files.createDirectories(jujuHome);
        Files.writeString(jujuHome.resolve("environments.yaml"), text);
    }

    /** The outcome of one command line. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
