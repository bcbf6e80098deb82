package org.juju.provider.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The POSIX shell script that keeps an agent (or another daemon of the environment) running: it
 * records its pid, runs the agent (a JVM, or another executable: see {@link SupervisedAgent.Kind})
 * in the background and waits for it, and restarts it when it exits (after 1 s, doubling up to
 * 30 s; 1 s again after 60 s of uptime) until the file {@code stop} exists in the agent's
 * directory. SIGTERM (or SIGINT, SIGHUP) makes it create that file and pass SIGTERM on to the agent.
 * A JVM's classpath comes from the {@code CLASSPATH} environment variable, so the command lines
 * stay readable in {@code ps}.
 *
 * <pre>
 * DIR/supervisor.sh    this script (rewritten on every start)
 * DIR/supervisor.pid   the script's pid, present while it runs; with setsid also its session id
 * DIR/stop             asks the script to exit once the agent has
 * </pre>
 */
final class SupervisorScript {
    static final String FILE = "supervisor.sh";
    static final String PID_FILE = "supervisor.pid";
    static final String STOP_FILE = "stop";
    static final String AGENT_MAIN = "org.juju.agents.AgentMain";
    /** Agents are small: a small heap, the serial collector, quick start-up over peak speed. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");

    private SupervisorScript() {
    }

    /**
     * The script for {@code agent}, running a main class with the {@code java} executable and JVM
     * options given (an executable agent does without them).
     */
    static String text(SupervisedAgent agent, String java, List<String> jvmOptions) {
        String quotedCommand = agent.commandLine(java, jvmOptions).stream().map(SupervisorScript::quote).collect(Collectors.joining(" "));
        return """
                #!/bin/sh
                # Supervisor of the %s, written by juju.
                # Restarts the agent when it exits (after 1 s, doubling up to 30 s; 1 s again after
                # 60 s of uptime) until the file 'stop' exists in this directory.
                dir=%s
                cd "$dir" || exit 1
                # From here on every path is relative to the working directory, which follows the
                # directory if it is renamed (a spare machine taken over as machine N).
                echo $$ > .tmp-supervisor.pid && mv -f .tmp-supervisor.pid supervisor.pid
                say() { echo "$(date '+%%Y-%%m-%%d %%H:%%M:%%S') supervisor: $*"; }
                child=
                trap 'touch stop; [ -z "$child" ] || kill -TERM "$child" 2>/dev/null' TERM INT HUP
                say "started (pid $$)"
                delay=1
                while [ ! -e stop ]; do
                  started=$(date +%%s)
                  %s &
                  child=$!
                  wait "$child"; status=$?
                  while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
                  child=
                  [ -e stop ] && break
                  [ $(( $(date +%%s) - started )) -ge 60 ] && delay=1
                  say "agent exited with status $status; restarting in $delay s"
                  sleep "$delay" &
                  child=$!
                  wait "$child"
                  child=
                  delay=$(( delay * 2 ))
                  [ "$delay" -gt 30 ] && delay=30
                done
                [ "$(cat supervisor.pid 2>/dev/null)" = "$$" ] && rm -f supervisor.pid
                say "stopped"
                """.formatted(agent.description().replace('\n', ' '), quote(agent.dir().toString()), quotedCommand);
    }

    /** {@code text} as one single-quoted shell word. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * True if a process with {@code arguments} (without the executable) working in
     * {@code workingDirectory} runs the script of {@code dir}: the script's path names {@code dir},
     * or the process runs a script of this name from {@code dir} as its working directory (the
     * directory was renamed to {@code dir} after the script started).
     */
    static boolean runs(List<String> arguments, Path dir, Optional<Path> workingDirectory) {
        if (arguments.contains(dir.resolve(FILE).toString())) {
            return true;
        }
        return workingDirectory.filter(dir::equals).isPresent()
                && arguments.stream().anyMatch(argument -> argument.endsWith("/" + FILE));
    }
}
