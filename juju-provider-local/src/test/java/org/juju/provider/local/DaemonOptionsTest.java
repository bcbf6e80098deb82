package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonOptionsTest {
    @Test
    void plainOptionsHaveNoSecurePort() {
        DaemonOptions options = DaemonOptions.parse(List.of("--data-dir", "/data/env", "--port", "2181"));

        assertThat(options.dataDir()).isEqualTo(Path.of("/data/env"));
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(2181);
        assertThat(options.secure()).isEmpty();
    }

    @Test
    void securePortAndTlsDirOnEveryAddress() {
        DaemonOptions options = DaemonOptions.parse(List.of("--data-dir", "/data/env", "--host", "0.0.0.0",
                "--port", "2181", "--secure-port", "2281", "--tls-dir", "/data/env/tls/../tls"));

        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.secure()).contains(new SecureClientPort(2281, Path.of("/data/env/tls")));
    }

    @Test
    void securePortAndTlsDirGoTogether() {
        assertThatThrownBy(() -> DaemonOptions.parse(List.of("--data-dir", "/d", "--secure-port", "2281")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("go together");
        assertThatThrownBy(() -> DaemonOptions.parse(List.of("--data-dir", "/d", "--tls-dir", "/d/tls")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("go together");
        assertThatThrownBy(() -> DaemonOptions.parse(List.of("--data-dir", "/d", "--secure-port", "0", "--tls-dir", "/t")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid secure port");
    }

    @Test
    void launcherPassesTheSecurePort() {
        DaemonLauncher launcher = new DaemonLauncher("cp");
        List<String> command = launcher.command(new DataDirLayout(Path.of("/data/env")), "0.0.0.0", 2181,
                java.util.Optional.of(new SecureClientPort(2281, Path.of("/data/env/tls"))));

        assertThat(String.join(" ", command)).endsWith(ZooKeeperDaemon.class.getName()
                + " --data-dir /data/env --host 0.0.0.0 --port 2181 --secure-port 2281 --tls-dir /data/env/tls");
    }

    @Test
    void wildcardHostsAreRecordedAsLoopback() {
        assertThat(ZooKeeperDaemon.reachableHost("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(ZooKeeperDaemon.reachableHost("::")).isEqualTo("::1");
        assertThat(ZooKeeperDaemon.reachableHost("10.0.0.5")).isEqualTo("10.0.0.5");
    }
}
