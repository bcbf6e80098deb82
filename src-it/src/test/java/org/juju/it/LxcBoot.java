package org.juju.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.juju.provider.ec2.testcloud.InstanceAddresses;
import org.juju.provider.ec2.testcloud.InstanceBoot;
import org.juju.provider.ec2.testcloud.LaunchedInstance;
import org.juju.provider.local.lxc.AgentMounts;
import org.juju.provider.local.lxc.Bridge;
import org.juju.provider.local.lxc.ContainerConfig;
import org.juju.provider.local.lxc.ContainerTemplate;
import org.juju.provider.local.lxc.Lxc;
import org.juju.state.io.AtomicFiles;
import org.juju.state.io.FileTrees;

/**
 * Test-cloud instances as LXC containers: each instance is an overlay snapshot of the local
 * provider's template ({@code juju-template-bookworm}, built if missing), named
 * {@code juju-ec2test-<run>-<instance id>}, on a bridge of its own with a static address, with this
 * host's Java runtime bind-mounted read-only at the same path (so the user data finds
 * {@code /usr/lib/jvm/.../bin/java}), and cloud-init emulated: the user data is written to
 * {@value #USER_DATA} in the root file system and run once at boot by the enabled oneshot service
 * {@value #CLOUD_INIT}. {@link #boot} returns as soon as the container is started (the user data
 * keeps running inside), with the container's address as both private and public address.
 * {@link #terminate} destroys the instance's container, {@link #close} every container it made and
 * the bridge.
 */
final class LxcBoot implements InstanceBoot, AutoCloseable {
    static final String SERIES = "bookworm";
    static final String USER_DATA = "/var/lib/cloud/instance/user-data";
    static final String CLOUD_INIT = "juju-cloud-init.service";
    /** What every container of every run is called at first. */
    static final String NAME_PREFIX = "juju-ec2test-";
    private static final Pattern OVERLAY = Pattern.compile("(?m)^lxc\\.rootfs\\.path\\s*=\\s*overlay\\S*:[^:\\s]+:(\\S+)$");

    private final Path dataDir;
    private final Bridge bridge;
    private final Lxc lxc = new Lxc(Lxc.SYSTEM_PATH);
    private final ContainerTemplate template;
    private final AgentMounts mounts;
    private final String run = HexFormat.of().toHexDigits(new java.security.SecureRandom().nextInt());
    private final AtomicInteger nextHost = new AtomicInteger(10);
    private final Map<String, String> containers = new ConcurrentHashMap<>();
    private final Map<String, Integer> hosts = new ConcurrentHashMap<>();
    private final Set<String> terminated = ConcurrentHashMap.newKeySet();

    /**
     * Creates and brings up a bridge for the data directory {@code dataDir} (a fresh temporary
     * directory of the test's) and builds the template if it is missing.
     */
    LxcBoot(Path dataDir) {
        this.dataDir = dataDir;
        this.bridge = Bridge.of(dataDir);
        this.template = new ContainerTemplate(lxc, SERIES, "http://deb.debian.org/debian",
                "http://deb.debian.org/debian-security");
        this.mounts = AgentMounts.of(javaHome(), "", List.of());
        bridge.ensureUp();
        template.ensure(message -> System.out.println("[lxc-boot] " + message));
    }

    /** The host's address on the bridge: where the test cloud listens so that containers reach it. */
    String hostAddress() {
        return bridge.hostAddress();
    }

    Bridge bridge() {
        return bridge;
    }

    /** What the names of this run's containers start with. */
    String prefix() {
        return NAME_PREFIX + run + "-";
    }

    /** The container of {@code instanceId}. */
    String containerOf(String instanceId) {
        return prefix() + instanceId;
    }

    /** The path of {@code absolute} in the container's root file system as seen from the host (its overlay's upper layer). */
    Path inside(String instanceId, String absolute) throws IOException {
        return upper(containerOf(instanceId)).resolve(absolute.substring(1));
    }

    /** Reserves the container's static address on the bridge, which is its private address from launch on. */
    @Override
    public String privateAddress(LaunchedInstance instance) {
        int host = nextHost.getAndIncrement();
        hosts.put(instance.id(), host);
        return bridge.address(host);
    }

    @Override
    public InstanceAddresses boot(LaunchedInstance instance) throws Exception {
        String name = containerOf(instance.id());
        synchronized (lockOf(instance.id())) {
            if (terminated.contains(instance.id())) {
                throw new IllegalStateException("terminated before it booted");
            }
            int host = hosts.get(instance.id());
            lxc.snapshot(template.name(), name);
            containers.put(instance.id(), name);
            Path config = lxc.config(name);
            AtomicFiles.writeString(config, ContainerConfig.rewrite(Files.readString(config, StandardCharsets.UTF_8), "ec2test",
                    "test-cloud instance " + instance.id(), bridge, host, mounts));
            Path upper = upper(name);
            Path userData = upper.resolve(USER_DATA.substring(1));
            Files.createDirectories(userData.getParent());
            Files.writeString(userData, instance.userData());
            Path unit = upper.resolve("etc/systemd/system").resolve(CLOUD_INIT);
            Files.createDirectories(unit.getParent());
            Files.writeString(unit, """
                    [Unit]
                    Description=Runs the instance's user data once (test-cloud emulation of cloud-init)
                    Wants=network-online.target
                    After=network-online.target
                    ConditionPathExists=!/var/lib/cloud/instance/user-data.done
                    [Service]
                    Type=oneshot
                    ExecStart=/bin/bash %s
                    ExecStartPost=/bin/touch /var/lib/cloud/instance/user-data.done
                    RemainAfterExit=yes
                    TimeoutStartSec=0
                    StandardOutput=append:/var/lib/cloud/instance/user-data.out
                    StandardError=inherit
                    [Install]
                    WantedBy=multi-user.target
                    """.formatted(USER_DATA));
            Path wants = upper.resolve("etc/systemd/system/multi-user.target.wants").resolve(CLOUD_INIT);
            Files.createDirectories(wants.getParent());
            Files.createSymbolicLink(wants, Path.of("/etc/systemd/system", CLOUD_INIT));
            lxc.start(name, dataDir.resolve(name + ".log"));
            String address = bridge.address(host);
            return new InstanceAddresses(address, address);
        }
    }

    @Override
    public void terminate(String instanceId) {
        synchronized (lockOf(instanceId)) {
            terminated.add(instanceId);
            String name = containers.remove(instanceId);
            if (name != null) {
                lxc.destroy(name);
            }
        }
    }

    /** The names of this run's containers that exist now. */
    List<String> existing() {
        return lxc.names().stream().filter(name -> name.startsWith(prefix())).toList();
    }

    /** Destroys every container of this run, the bridge and the data directory. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (String name : existing()) {
            try {
                lxc.destroy(name);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        containers.clear();
        try {
            bridge.remove();
        } catch (RuntimeException e) {
            failure = e;
        }
        FileTrees.deleteQuietly(dataDir, true);
        if (failure != null) {
            throw failure;
        }
    }

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private Object lockOf(String instanceId) {
        return locks.computeIfAbsent(instanceId, id -> new Object());
    }

    private Path upper(String name) throws IOException {
        Matcher overlay = OVERLAY.matcher(Files.readString(lxc.config(name), StandardCharsets.UTF_8));
        if (!overlay.find()) {
            throw new IllegalStateException("container " + name + " is not an overlay snapshot");
        }
        return Path.of(overlay.group(1));
    }

    /**
     * The Java runtime {@code bin/juju} runs on (the {@code java} on the {@code PATH}), which the
     * agents in the containers then run on too; this JVM's if there is none.
     */
    static Path javaHome() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path java = Path.of(dir.isEmpty() ? "." : dir, "java");
            if (Files.isExecutable(java)) {
                try {
                    return java.toRealPath().getParent().getParent();
                } catch (IOException e) {
                    break;
                }
            }
        }
        return Path.of(System.getProperty("java.home"));
    }

    Optional<String> state(String instanceId) {
        return lxc.state(containerOf(instanceId));
    }
}
