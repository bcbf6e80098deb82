package org.juju.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code bin/juju} launcher as a separate process with its own JUJU_HOME. */
final class JujuProcess {
    /** The project's top directory (the failsafe configuration passes it in). */
    static final Path ROOT = Path.of(System.getProperty("juju.home", "..")).toAbsolutePath().normalize();
    private final Path jujuHome;

    JujuProcess(Path jujuHome) {
        this.jujuHome = jujuHome;
    }

    Result run(String... args) throws IOException, InterruptedException {
        return run(java.time.Duration.ofSeconds(120), args);
    }

    /** Runs {@code juju args...}, failing if it takes longer than {@code timeout}. */
    Result run(java.time.Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("bin/juju").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().put("JUJU_HOME", jujuHome.toString());
        builder.environment().remove("JUJU_ENV");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = Files.createTempFile("juju-out", ".txt");
        Path err = Files.createTempFile("juju-err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("juju " + String.join(" ", args) + " did not finish within " + timeout.toSeconds()
                    + " s");
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    /**
     * Starts {@code juju args...} on a terminal of its own (a pseudo-terminal from {@code script}),
     * as a user at a terminal would run it; what the terminal shows goes to {@code transcript}. The
     * process's stdin is a pipe the caller keeps open until the command should end.
     */
    Process startOnTerminal(Path transcript, String... args) throws IOException {
        StringBuilder line = new StringBuilder(quoted(ROOT.resolve("bin/juju").toString()));
        for (String arg : args) {
            line.append(' ').append(quoted(arg));
        }
        ProcessBuilder builder = new ProcessBuilder("script", "-q", "-e", "-f", "-c", line.toString(), transcript.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JUJU_HOME", jujuHome.toString());
        builder.environment().put("TERM", "xterm");
        builder.environment().remove("JUJU_ENV");
        builder.environment().remove("TMUX");
        return builder.start();
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** The outcome of one run. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
