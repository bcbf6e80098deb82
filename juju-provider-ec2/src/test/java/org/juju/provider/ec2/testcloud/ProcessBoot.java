package org.juju.provider.ec2.testcloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Instances as directories on this host: {@link #boot} runs the instance's user data with bash as
 * a plain process, with {@code JUJU_ROOT} set to the instance's directory (so the script keeps to
 * it and starts its daemons as background processes instead of systemd services) and its private
 * address, public address and ZooKeeper's bind address all {@code 127.0.0.1}. The instance runs once
 * the script has exited 0. {@link #terminate} kills every process whose command line names the
 * instance's directory (the agents, ZooKeeper, unit agents), children first.
 */
public final class ProcessBoot implements InstanceBoot, AutoCloseable {
    static final Duration BOOT_TIMEOUT = Duration.ofMinutes(5);
    private final Path root;
    private final Map<String, Path> instances = new ConcurrentHashMap<>();

    /** Instances live in directories of {@code root} (keep its path short: see {@link #dirOf}). */
    public ProcessBoot(Path root) {
        this.root = root;
    }

    /**
     * The directory standing for the instance's {@code /}: named by the last 8 characters of the id,
     * so that the unit agents' socket paths below it stay within the 107 bytes Unix allows.
     */
    public Path dirOf(String instanceId) {
        return root.resolve(instanceId.substring(Math.max(0, instanceId.length() - 8)));
    }

    @Override
    public String privateAddress(LaunchedInstance instance) {
        return "127.0.0.1";
    }

    @Override
    public InstanceAddresses boot(LaunchedInstance instance) throws Exception {
        Path dir = Files.createDirectories(dirOf(instance.id()));
        instances.put(instance.id(), dir);
        Path script = Files.writeString(dir.resolve("user-data"), instance.userData());
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("user-data.out").toFile());
        builder.environment().put("JUJU_ROOT", dir.toString());
        builder.environment().put("JUJU_PRIVATE_ADDRESS", "127.0.0.1");
        builder.environment().put("JUJU_BIND_ADDRESS", "127.0.0.1");
        Process process = builder.start();
        if (!process.waitFor(BOOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("user data did not finish within " + BOOT_TIMEOUT.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("user data exited " + process.exitValue() + ": " + tail(dir));
        }
        return new InstanceAddresses("127.0.0.1", "127.0.0.1");
    }

    @Override
    public void terminate(String instanceId) {
        Path dir = instances.get(instanceId);
        if (dir != null) {
            kill(dir);
        }
    }

    /** The processes still running for the instance's directory. */
    public List<ProcessHandle> processes(String instanceId) {
        String marker = dirOf(instanceId).toString() + "/";
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(line -> line.contains(marker))
                .orElse(false)).toList();
    }

    /** Kills what every instance started. */
    @Override
    public void close() {
        instances.values().forEach(ProcessBoot::kill);
    }

    private static void kill(Path dir) {
        String marker = dir.toString() + "/";
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> left = ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid()
                    && p.info().commandLine().map(line -> line.contains(marker)).orElse(false)).toList();
            if (left.isEmpty()) {
                return;
            }
            left.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
            left.forEach(ProcessHandle::destroyForcibly);
            left.forEach(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join());
        }
    }

    private static String tail(Path dir) {
        Path log = dir.resolve("var/lib/juju/log/boot.log");
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : Files.readAllLines(dir.resolve("user-data.out"));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
