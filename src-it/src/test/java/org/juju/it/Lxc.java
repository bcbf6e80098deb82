package org.juju.it;

import java.util.List;
import java.util.Optional;
import org.juju.provider.local.lxc.HostCommand;
import org.juju.provider.local.lxc.LxcHost;

/** Test support: what LXC says about this host's containers and links, through its own tools. */
final class Lxc {
    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(30);

    private Lxc() {
    }

    /** Why this host cannot run the LXC tests, or empty. */
    static Optional<String> unavailable() {
        return LxcHost.whyNot();
    }

    /** For {@code @EnabledIf}: true if this host can run LXC containers. */
    static boolean available() {
        return unavailable().isEmpty();
    }

    /** The names of the system's containers ({@code lxc-ls -1}). */
    static List<String> containers() {
        return HostCommand.run(TIMEOUT, List.of("lxc-ls", "-1")).lines().map(String::trim)
                .filter(line -> !line.isEmpty()).toList();
    }

    /** The container's state ({@code RUNNING}, {@code STOPPED}), empty if it does not exist. */
    static Optional<String> state(String name) {
        HostCommand.Result result = HostCommand.status(TIMEOUT, List.of("lxc-info", "-n", name, "-s", "-H"));
        return result.status() == 0 ? Optional.of(result.output().trim()) : Optional.empty();
    }

    /** Runs {@code command} in the container; its output. */
    static HostCommand.Result attach(String name, String... command) {
        List<String> full = new java.util.ArrayList<>(List.of("lxc-attach", "-n", name, "--clear-env", "--"));
        full.addAll(List.of(command));
        return HostCommand.status(java.time.Duration.ofSeconds(60), full);
    }

    /** True if the network link {@code name} exists on this host. */
    static boolean linkExists(String name) {
        return HostCommand.status(TIMEOUT, List.of("ip", "link", "show", "dev", name)).status() == 0;
    }
}
