import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.juju.agents.charmkit.HookRun;
import org.juju.agents.charmkit.SimulatedUnit;

/**
 * The in-process part of {@code juju charm run-hook}, for bin/benchmark-run-hook: runs the
 * {@code install} hook of the charm in DIR N times in this JVM and prints one line per measurement,
 * {@code NAME MS MS...}:
 * <ul>
 *   <li>{@code run}: {@code SimulatedUnit.run} alone, N runs on one unit (the first run included);
 *   <li>{@code unit}: start a unit (copy the charm, serve the tools), run, close: what the command
 *       does besides starting the JVM, parsing options and printing.
 * </ul>
 * Run as a source file on the client's classpath: {@code java -cp CLASSPATH RunHookInProcess.java DIR N}.
 */
public final class RunHookInProcess {
    public static void main(String[] args) {
        Path charm = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        List<Long> run = new ArrayList<>();
        try (SimulatedUnit unit = SimulatedUnit.start(charm)) {
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                HookRun result = unit.run("install");
                run.add((System.nanoTime() - start) / 1_000_000);
                check(result);
            }
        }
        List<Long> whole = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            try (SimulatedUnit unit = SimulatedUnit.start(charm)) {
                check(unit.run("install"));
            }
            whole.add((System.nanoTime() - start) / 1_000_000);
        }
        print("run", run);
        print("unit", whole);
    }

    private static void check(HookRun result) {
        if (!result.succeeded()) {
            throw new IllegalStateException("the hook failed: " + result.failure().orElse("") + " " + result.stderr());
        }
    }

    private static void print(String name, List<Long> millis) {
        StringBuilder line = new StringBuilder(name);
        millis.forEach(ms -> line.append(' ').append(ms));
        System.out.println(line);
    }
}
