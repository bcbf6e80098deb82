package org.juju.provider.local.lxc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.juju.provider.ProgressListener;
import org.juju.provider.local.FileMutex;
import org.juju.state.error.ProviderException;
import org.juju.state.io.AtomicFiles;

/**
 * The template container of one series, {@code juju-template-<series>}, that every machine
 * container is an overlay snapshot of. Built once per host by {@link #ensure} with LXC's
 * {@code debian} template (debootstrap; the download is cached under {@code /var/cache/lxc}), then
 * prepared for machines:
 * <ul>
 * <li>{@code /etc/apt/sources.list} names the host's Debian mirrors (main, updates, security), and
 *     {@code apt-get update} has run, so a new machine's apt is ready (through the environment's
 *     apt cache, which each machine is pointed at);</li>
 * <li>{@code python3} (the portable example charms) and {@code tmux} ({@code juju debug-hooks})
 *     are installed;</li>
 * <li>{@code /etc/network/interfaces} configures only {@code lo}: LXC gives {@code eth0} its
 *     address, so no DHCP client waits at boot;</li>
 * <li>{@code ssh} is masked ({@code juju ssh} attaches with {@code lxc-attach}; clones would
 *     otherwise share the template's host keys);</li>
 * <li>{@code /var/lib/juju} exists.</li>
 * </ul>
 * The template is ready once its directory holds {@value #READY_FILE}; a half-built one (a crash,
 * a failed download) is destroyed and built again. Builds of one series are serialized by a lock
 * file in the LXC path, across processes.
 */
public final class ContainerTemplate {
    /** The marker of a finished template, in its container directory. */
    static final String READY_FILE = "juju-template.ready";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);
    private static final List<String> PACKAGES = List.of("python3", "tmux");

    private final Lxc lxc;
    private final String series;
    private final String mirror;
    private final String securityMirror;

    /**
     * @param mirror         the Debian mirror (e.g. {@code http://deb.debian.org/debian})
     * @param securityMirror the security mirror (e.g. {@code http://deb.debian.org/debian-security})
     */
    public ContainerTemplate(Lxc lxc, String series, String mirror, String securityMirror) {
        this.lxc = Objects.requireNonNull(lxc, "lxc");
        this.series = Objects.requireNonNull(series, "series");
        this.mirror = Objects.requireNonNull(mirror, "mirror");
        this.securityMirror = Objects.requireNonNull(securityMirror, "securityMirror");
    }

    /** The template container's name. */
    public String name() {
        return "juju-template-" + series;
    }

    /** True if the template is built and ready to be cloned. */
    public boolean isReady() {
        return lxc.exists(name()) && Files.exists(lxc.dir(name()).resolve(READY_FILE));
    }

    /**
     * Builds the template unless it is ready, telling {@code progress} what it does.
     *
     * @return true if it was built by this call
     * @throws ProviderException if the build fails (what is left of it is destroyed)
     */
    public boolean ensure(ProgressListener progress) {
        try {
            Files.createDirectories(lxc.path());
        } catch (IOException e) {
            throw new ProviderException("cannot create " + lxc.path() + ": " + e.getMessage(), e);
        }
        return FileMutex.withLock(lxc.path().resolve("." + name() + ".lock"), () -> {
            if (isReady()) {
                return false;
            }
            lxc.destroy(name());
            long started = System.nanoTime();
            progress.progress("building the container template " + name() + " (once per host; a few minutes)");
            try {
                lxc.create(name(), "debian", List.of("-r", series, "--mirror=" + mirror,
                        "--security-mirror=" + securityMirror), BUILD_TIMEOUT, new BuildProgress(name(), started, progress));
                progress.progress("template " + name() + ": root file system built; preparing it for machines");
                prepare(lxc.dir(name()).resolve("rootfs"));
                AtomicFiles.writeString(lxc.dir(name()).resolve(READY_FILE), java.time.Instant.now() + "\n");
            } catch (IOException | RuntimeException e) {
                try {
                    lxc.destroy(name());
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e instanceof ProviderException p ? p
                        : new ProviderException("cannot build the container template " + name() + ": " + e.getMessage(), e);
            }
            progress.progress("template " + name() + " built in " + (System.nanoTime() - started) / 1_000_000_000L + " s");
            return true;
        });
    }

    /**
     * Passes on a long build's output as progress: at most one line every {@value #EVERY_SECONDS}
     * seconds, with the time spent so far.
     */
    static final class BuildProgress implements java.util.function.Consumer<String> {
        static final long EVERY_SECONDS = 5;
        private final String name;
        private final long started;
        private final ProgressListener progress;
        private long last;

        BuildProgress(String name, long started, ProgressListener progress) {
            this.name = name;
            this.started = started;
            this.progress = progress;
            this.last = started;
        }

        @Override
        public synchronized void accept(String line) {
            long now = System.nanoTime();
            if (line.isBlank() || now - last < java.util.concurrent.TimeUnit.SECONDS.toNanos(EVERY_SECONDS)) {
                return;
            }
            last = now;
            progress.progress("template " + name + ": " + (now - started) / 1_000_000_000L + " s: " + line.strip());
        }
    }

    private void prepare(Path rootfs) throws IOException {
        AtomicFiles.writeString(rootfs.resolve("etc/apt/sources.list"), sourcesList());
        AtomicFiles.writeString(rootfs.resolve("etc/network/interfaces"), """
                # Written by juju: LXC configures eth0 (a static address on the environment's bridge).
                auto lo
                iface lo inet loopback
                """);
        Path ssh = rootfs.resolve("etc/systemd/system/ssh.service");
        Files.deleteIfExists(ssh);
        Files.createSymbolicLink(ssh, Path.of("/dev/null"));
        Files.createDirectories(rootfs.resolve("var/lib/juju"));
        inChroot(rootfs, List.of("apt-get", "update", "-q"));
        List<String> install = new java.util.ArrayList<>(List.of("apt-get", "install", "-y", "-q",
                "--no-install-recommends"));
        install.addAll(PACKAGES);
        inChroot(rootfs, install);
    }

    /** The apt sources of the template's machines: the host's mirrors, main only. */
    String sourcesList() {
        return "# Written by juju: the host's Debian mirrors (machines reach them through the environment's apt cache).\n"
                + "deb " + mirror + " " + series + " main\n"
                + "deb " + mirror + " " + series + "-updates main\n"
                + "deb " + securityMirror + " " + series + "-security main\n";
    }

    /** Runs {@code command} chrooted in the root file system, with this host's resolver. */
    private static void inChroot(Path rootfs, List<String> command) throws IOException {
        Path resolvConf = rootfs.resolve("etc/resolv.conf");
        Path hostResolvConf = Path.of("/etc/resolv.conf");
        boolean copied = false;
        if (Files.isReadable(hostResolvConf) && !Files.exists(resolvConf, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(hostResolvConf, resolvConf);
            copied = true;
        }
        try {
            List<String> chrooted = new java.util.ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "chroot",
                    rootfs.toString()));
            chrooted.addAll(command);
            HostCommand.run(APT_TIMEOUT, chrooted);
        } finally {
            if (copied) {
                Files.deleteIfExists(resolvConf);
            }
        }
    }
}
