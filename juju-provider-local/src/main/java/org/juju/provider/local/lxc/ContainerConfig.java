package org.juju.provider.local.lxc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The LXC configuration of a machine container: the snapshot's configuration (from the template)
 * without its network and AppArmor lines, then the machine's network on the environment's bridge
 * and the agents' read-only mounts.
 */
public final class ContainerConfig {
    private ContainerConfig() {
    }

    /**
     * {@code original} rewritten for a container that is {@code what} (e.g. "machine 3"): one veth interface {@code eth0} on
     * {@code bridge} with the static address {@code bridge.address(host)}/24 and the bridge's host
     * address as gateway, a MAC address derived from that address, AppArmor {@code unconfined} where
     * the kernel has no AppArmor (else the template's profile lines are kept), and {@code mounts}.
     */
    public static String rewrite(String original, String environment, String what, Bridge bridge, int host,
                          AgentMounts mounts) {
        boolean appArmor = appArmorEnabled();
        List<String> lines = new ArrayList<>();
        for (String line : original.split("\n", -1)) {
            String key = line.strip();
            if (key.startsWith("lxc.net.") || (!appArmor && key.startsWith("lxc.apparmor."))) {
                continue;
            }
            lines.add(line);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        lines.add("");
        lines.add("# Written by juju: " + what + " of environment '" + environment + "'");
        lines.add("lxc.net.0.type = veth");
        lines.add("lxc.net.0.link = " + bridge.name());
        lines.add("lxc.net.0.flags = up");
        lines.add("lxc.net.0.name = eth0");
        lines.add("lxc.net.0.hwaddr = " + macAddress(bridge, host));
        lines.add("lxc.net.0.ipv4.address = " + bridge.address(host) + "/24");
        lines.add("lxc.net.0.ipv4.gateway = " + bridge.hostAddress());
        if (!appArmor) {
            lines.add("lxc.apparmor.profile = unconfined");
        }
        lines.addAll(mounts.configLines());
        return String.join("\n", lines) + "\n";
    }

    /** A locally administered MAC address ({@code 00:16:3e}, LXC's range) from the address's octets. */
    static String macAddress(Bridge bridge, int host) {
        String[] octets = bridge.prefix().split("\\.");
        return String.format("00:16:3e:%02x:%02x:%02x", Integer.parseInt(octets[1]), Integer.parseInt(octets[2]), host);
    }

    private static boolean appArmorEnabled() {
        try {
            return Files.readString(Path.of("/sys/module/apparmor/parameters/enabled")).trim().equals("Y");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
