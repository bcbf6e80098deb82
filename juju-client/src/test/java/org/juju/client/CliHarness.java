package org.juju.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code juju} command lines in-process with their own JUJU_HOME and captured output. */
final class CliHarness {
    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";

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

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ClientContext context = new ClientContext(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int code = JujuMain.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
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
