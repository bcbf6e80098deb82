package org.juju.provider.local.lxc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.juju.provider.AgentJava;
import org.juju.provider.MachineSpec;

/**
 * How a container's machine agent is started: the host's {@code java} and the agents' JVM
 * options, main class and classpath (all visible in the container through {@link AgentMounts}).
 *
 * @param java         the {@code java} executable
 * @param jvmOptions   the machine agent's JVM options, {@code extraOptions} included
 * @param extraOptions the options of {@link AgentJava#OPTIONS_VARIABLE} (the class-data archive),
 *                     passed on to the agents in the container through that variable
 * @param mainClass    the agents' main class
 * @param classpath    the agents' classpath
 * @param mounts       what the container needs bind-mounted for all that
 */
public record AgentCommand(String java, List<String> jvmOptions, String extraOptions, String mainClass,
                           String classpath, AgentMounts mounts) {
    public AgentCommand {
        Objects.requireNonNull(java, "java");
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(extraOptions, "extraOptions");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(mounts, "mounts");
    }

    /**
     * The agent command of this JVM's {@code java}, {@code defaults} and the extra options in this
     * process's {@link AgentJava#OPTIONS_VARIABLE}, with the mounts they need.
     */
    public static AgentCommand of(List<String> defaults, String mainClass, String classpath) {
        String java = AgentJava.executable();
        String extra = Optional.ofNullable(System.getenv(AgentJava.OPTIONS_VARIABLE)).orElse("").trim();
        List<String> options = AgentJava.options(defaults, extra);
        Path home = Path.of(java).toAbsolutePath().normalize().getParent().getParent();
        return new AgentCommand(java, options, extra, mainClass, classpath, AgentMounts.of(home, classpath, options));
    }

    /** The arguments of machine {@code spec.id()}'s agent (after the main class), working in {@code machineDir}. */
    public List<String> machineArguments(MachineSpec spec, Path machineDir) {
        return List.of("machine", "--id", spec.id().toString(), "--zookeeper", spec.zooKeeper(), "--dir",
                machineDir.toString());
    }

    /**
     * The systemd service of machine {@code spec.id()}'s agent, working in {@code machineDir}: the
     * classpath and the agents' extra options in its environment (so the unit agents it starts get
     * them too), restarted 1 s after it exits, its output appended to {@code machine-agent.log}
     * there, every process of it ended when it stops.
     */
    public String systemdService(String environment, MachineSpec spec, Path machineDir) {
        return service("the machine agent of machine " + spec.id() + " of environment '" + environment + "'",
                machineArguments(spec, machineDir), machineDir);
    }

    /**
     * The systemd service of a spare container's agent: {@code AgentMain spare-machine} waiting in
     * {@code dir} for {@code assignmentFile}, otherwise like {@link #systemdService}.
     */
    public String spareService(String environment, Path dir, Path assignmentFile) {
        return service("the agent of a spare machine of environment '" + environment + "'",
                List.of("spare-machine", "--assignment-file", assignmentFile.toString()), dir);
    }

    private String service(String what, List<String> arguments, Path dir) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(arguments);
        return """
                # Written by juju: %s.
                [Unit]
                Description=juju machine agent
                After=network.target

                [Service]
                Environment=%s
                Environment=%s
                WorkingDirectory=%s
                ExecStart=%s
                Restart=always
                RestartSec=1
                KillMode=control-group
                StandardOutput=append:%s/machine-agent.log
                StandardError=inherit

                [Install]
                WantedBy=multi-user.target
                """.formatted(what, quote("CLASSPATH=" + classpath),
                quote(AgentJava.OPTIONS_VARIABLE + "=" + extraOptions), dir,
                command.stream().map(AgentCommand::quote).collect(Collectors.joining(" ")), dir);
    }

    /** {@code word} as one double-quoted systemd word ({@code %} and {@code $} escaped too). */
    static String quote(String word) {
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%").replace("$", "$$") + "\"";
    }
}
