package org.juju.provider.local.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerConfigTest {
    private static final String SNAPSHOT = """
            # Template used to create this container: /usr/share/lxc/templates/lxc-debian
            lxc.net.0.type = veth
            lxc.net.0.hwaddr = 00:16:3e:4d:74:ff
            lxc.net.0.link = lxcbr0
            lxc.net.0.flags = up
            lxc.apparmor.profile = generated
            lxc.include = /usr/share/lxc/config/debian.common.conf
            lxc.rootfs.path = overlay:/var/lib/lxc/juju-template-bookworm/rootfs:/var/lib/lxc/juju-dev-3/overlay/delta
            lxc.uts.name = juju-dev-3

            """;

    @Test
    void theMachinesNetworkAndMountsReplaceTheTemplatesNetwork() {
        Bridge bridge = new Bridge("jjfixed", "10.111.2");
        AgentMounts mounts = new AgentMounts(List.of(Path.of("/nonexistent/java"), Path.of("/nonexistent/a.jar")));

        String config = ContainerConfig.rewrite(SNAPSHOT, "dev", "machine 3", bridge, 12, mounts);

        assertThat(config).doesNotContain("lxcbr0").doesNotContain("00:16:3e:4d:74:ff")
                .contains("lxc.include = /usr/share/lxc/config/debian.common.conf\n")
                .contains("lxc.rootfs.path = overlay:/var/lib/lxc/juju-template-bookworm/rootfs:")
                .contains("lxc.uts.name = juju-dev-3\n")
                .contains("\n# Written by juju: machine 3 of environment 'dev'\n"
                        + "lxc.net.0.type = veth\n"
                        + "lxc.net.0.link = jjfixed\n"
                        + "lxc.net.0.flags = up\n"
                        + "lxc.net.0.name = eth0\n"
                        + "lxc.net.0.hwaddr = 00:16:3e:6f:02:0c\n"
                        + "lxc.net.0.ipv4.address = 10.111.2.12/24\n"
                        + "lxc.net.0.ipv4.gateway = 10.111.2.1\n")
                .contains("lxc.mount.entry = /nonexistent/java nonexistent/java none bind,ro,create=file 0 0\n")
                .endsWith("lxc.mount.entry = /nonexistent/a.jar nonexistent/a.jar none bind,ro,create=file 0 0\n");
        assertThat(config.lines().filter(line -> line.startsWith("lxc.net.0.type"))).hasSize(1);
    }

    @Test
    void macAddressesDifferPerAddress() {
        Bridge bridge = new Bridge("jjfixed", "10.111.2");

        assertThat(ContainerConfig.macAddress(bridge, 10)).isEqualTo("00:16:3e:6f:02:0a");
        assertThat(ContainerConfig.macAddress(bridge, 11)).isNotEqualTo(ContainerConfig.macAddress(bridge, 10));
    }
}
