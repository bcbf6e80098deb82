package org.juju.agents.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.juju.agents.AgentMain;
import org.juju.provider.AgentJava;

/**
 * How a machine agent starts unit agent JVMs: its own Java, its classpath (the juju distribution)
 * and the extra options of {@link AgentJava}, with a small heap and quick start-up over peak speed.
 */
final class UnitAgentCommand {
    private static final List<String> JVM_OPTIONS = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");

    private UnitAgentCommand() {
    }

    /** The command line of a unit agent JVM up to and including the main class. */
    static List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(AgentJava.executable());
        command.addAll(AgentJava.options(JVM_OPTIONS));
        command.add(AgentMain.class.getName());
        return command;
    }

    /** Variables added to the inherited environment: the machine agent's classpath. */
    static Map<String, String> environment() {
        return Map.of("CLASSPATH", System.getProperty("java.class.path"));
    }
}
