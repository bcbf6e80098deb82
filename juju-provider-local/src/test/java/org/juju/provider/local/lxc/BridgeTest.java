package org.juju.provider.local.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.juju.state.error.ProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeTest {
    @TempDir
    Path tmp;

    @Test
    void prefixesOfTheHostsNetworksAreReadFromIpOutput() {
        String output = """
                1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
                2: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0\\       valid_lft forever
                3: br0    inet 10.120.7.1/24 scope global br0
                4: wg0    inet 172.16.4.9/16 scope global wg0
                """;

        Set<String> prefixes = Bridge.prefixesIn(output);

        assertThat(prefixes).contains("192.0.2", "10.120.7", "172.16.0", "172.16.4", "172.16.255")
                .doesNotContain("10.120.8", "127.0.0").hasSize(2 + 256);
    }

    @Test
    void aTenSlashEightNetworkTakesEveryCandidate() {
        assertThat(Bridge.prefixesIn("2: eth0    inet 10.1.2.3/8 scope global eth0")).contains("10.150.3");
        assertThatThrownBy(() -> Bridge.choose(tmp, Bridge.prefixesIn("2: eth0    inet 10.1.2.3/8 scope global eth0")))
                .isInstanceOf(ProviderException.class).hasMessageContaining("no free");
    }

    @Test
    void theChoiceDependsOnTheDataDirectoryAndAvoidsTakenPrefixes() {
        Bridge first = Bridge.choose(tmp.resolve("a"), Set.of());
        Bridge other = Bridge.choose(tmp.resolve("b"), Set.of());

        assertThat(first.name()).matches("jj[0-9a-f]{8}");
        assertThat(first.prefix()).matches("10\\.1\\d\\d\\.\\d{1,3}");
        assertThat(other.name()).isNotEqualTo(first.name());
        assertThat(Bridge.choose(tmp.resolve("a"), Set.of())).isEqualTo(first);
        assertThat(Bridge.choose(tmp.resolve("a"), Set.of(first.prefix())).prefix()).isNotEqualTo(first.prefix());
    }

    @Test
    void theBridgeIsKeptInTheDataDirectory() throws Exception {
        Bridge chosen = Bridge.of(tmp);

        assertThat(Files.readString(tmp.resolve(Bridge.FILE))).contains("bridge=" + chosen.name())
                .contains("prefix=" + chosen.prefix());
        Files.writeString(tmp.resolve(Bridge.FILE), "bridge=jjfixed\nprefix=10.111.2\n");
        assertThat(Bridge.of(tmp)).isEqualTo(new Bridge("jjfixed", "10.111.2"));
    }

    @Test
    void addressesAreInTheSlash24() {
        Bridge bridge = new Bridge("jjfixed", "10.111.2");

        assertThat(bridge.hostAddress()).isEqualTo("10.111.2.1");
        assertThat(bridge.address(10)).isEqualTo("10.111.2.10");
        assertThatThrownBy(() -> bridge.address(9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bridge.address(255)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bridge("Bad-Name", "10.1.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bridge("jj", "192.168.1")).isInstanceOf(IllegalArgumentException.class);
    }
}
