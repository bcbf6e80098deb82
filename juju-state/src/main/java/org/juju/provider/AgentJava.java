package org.juju.provider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How agent JVMs are started: the same {@code java} as the JVM starting them, and the extra options
 * of {@value #OPTIONS_VARIABLE}. That variable is inherited down the tree of processes (client,
 * provisioning agent, machine agents, unit agents), so options given to {@code bootstrap} reach
 * every agent of the environment; {@code bin/juju} puts its class-data-sharing archive there.
 */
public final class AgentJava {
    /** Extra JVM options for every agent, separated by whitespace; appended after the defaults. */
    public static final String OPTIONS_VARIABLE = "JUJU_AGENT_JAVA_OPTIONS";

    private AgentJava() {
    }

    /** The running JVM's {@code java} executable, so agents run on the same Java as their parent. */
    public static String executable() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** {@code defaults} followed by the options of {@value #OPTIONS_VARIABLE} in this process's environment. */
    public static List<String> options(List<String> defaults) {
        return options(defaults, System.getenv(OPTIONS_VARIABLE));
    }

    /** {@code defaults} followed by the whitespace-separated options of {@code extra} (may be null). */
    public static List<String> options(List<String> defaults, String extra) {
        List<String> options = new ArrayList<>(defaults);
        if (extra != null) {
            Arrays.stream(extra.trim().split("\\s+")).filter(word -> !word.isEmpty()).forEach(options::add);
        }
        return options;
    }
}
