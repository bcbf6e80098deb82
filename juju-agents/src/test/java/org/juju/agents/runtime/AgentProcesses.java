package org.juju.agents.runtime;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test support: agent JVMs launched with the test classpath, all killed by {@link #killAll()}. */
final class AgentProcesses {
    private final List<Process> processes = new ArrayList<>();

    /**
     * Launches {@code AgentMain args...} working in {@code output}'s directory; its stdout and
     * stderr go to {@code output}, stdin from /dev/null.
     */
    Process launch(Path output, String... args) throws IOException {
        return launch(Redirect.from(new File("/dev/null")), output, args);
    }

    /** Launches {@code AgentMain args...} with stdin a pipe from the test. */
    Process launchWithInput(Path output, String... args) throws IOException {
        return launch(Redirect.PIPE, output, args);
    }

    private Process launch(Redirect input, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "org.juju.agents.AgentMain"));
        command.addAll(List.of(args));
        Files.createDirectories(output.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(output.getParent().toFile())
                .redirectInput(input)
                .redirectOutput(Redirect.appendTo(output.toFile()))
                .redirectErrorStream(true);
        builder.environment().put("CLASSPATH", classpath());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Surefire's test classpath (target/classes and every dependency jar). */
    static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Kills every launched agent and waits until each has exited. */
    void killAll() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
