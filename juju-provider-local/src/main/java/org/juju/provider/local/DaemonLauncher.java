package org.juju.provider.local;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.juju.provider.AgentJava;
import org.juju.state.error.ProviderException;

/**
 * Starts a {@link ZooKeeperDaemon} JVM detached from the caller: stdin from {@code /dev/null},
 * stdout and stderr appended to the environment's log file, and (where {@code setsid} exists) in a
 * session of its own, so that neither the client JVM exiting nor a Ctrl-C in its terminal stops it.
 * The classpath is passed in the {@code CLASSPATH} environment variable, which keeps the daemon's
 * command line short and readable in {@code ps}.
 */
final class DaemonLauncher {
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Djava.awt.headless=true");
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final String classpath;

    DaemonLauncher(String classpath) {
        this.classpath = Objects.requireNonNull(classpath, "classpath");
    }

    /**
     * The daemon's command line (without the classpath, which goes into the environment), with
     * {@code --secure-port} and {@code --tls-dir} when {@code secure} is given.
     */
    List<String> command(DataDirLayout layout, String host, int port, Optional<SecureClientPort> secure) {
        List<String> command = new ArrayList<>();
        setsid().ifPresent(command::add);
        command.add(AgentJava.executable());
        command.addAll(JVM_OPTIONS);
        command.add(DaemonIdentity.MAIN_CLASS);
        command.addAll(List.of("--data-dir", layout.dataDir().toString(), "--host", host,
                "--port", Integer.toString(port)));
        secure.ifPresent(tls -> command.addAll(List.of("--secure-port", Integer.toString(tls.port()),
                "--tls-dir", tls.tlsDir().toString())));
        return command;
    }

    /**
     * Launches the daemon.
     *
     * @throws ProviderException if the log directory cannot be created or the JVM cannot be run
     */
    Process launch(DataDirLayout layout, String host, int port, Optional<SecureClientPort> secure) {
        try {
            Files.createDirectories(layout.logsDir());
            ProcessBuilder builder = new ProcessBuilder(command(layout, host, port, secure))
                    .directory(layout.dataDir().toFile())
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectOutput(Redirect.appendTo(layout.logFile().toFile()))
                    .redirectErrorStream(true);
            builder.environment().put("CLASSPATH", classpath);
            return builder.start();
        } catch (IOException e) {
            throw new ProviderException("cannot start ZooKeeper for " + layout.dataDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@code setsid} executable, if this host has one. It execs in place (same pid) when run by
     * a freshly spawned child, which is no process group leader.
     */
    static Optional<String> setsid() {
        return SETSID.stream().filter(Files::isExecutable).findFirst().map(Path::toString);
    }

    /** The classpath daemons are launched with. */
    String classpath() {
        return classpath;
    }
}
