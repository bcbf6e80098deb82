package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.juju.provider.local.HostAptSources.Mirrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptCacheConfigTest {
    @TempDir
    Path tmp;

    private final Mirrors mirrors = new Mirrors(URI.create("http://ftp.uk.debian.org/debian/"),
            URI.create("http://deb.debian.org/debian-security"));
    private final AptCacheConfig config = new AptCacheConfig("apt cache of environment 'dev'",
            Path.of("/var/cache/juju/apt-cacher-ng"), Path.of("/data/agents/apt-cache/logs"), "10.0.3.1", 23142, mirrors);

    @Test
    void writesTheOptionsAndTheHostsMirrorsAsBackends() throws Exception {
        Path dir = tmp.resolve("conf");

        config.write(dir);

        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("acng.conf", "backends_debian", "backends_debian_security");
        }
        assertThat(dir.resolve("backends_debian")).hasContent("http://ftp.uk.debian.org/debian/\n");
        assertThat(dir.resolve("backends_debian_security")).hasContent("http://deb.debian.org/debian-security/\n");
        assertThat(Files.readString(dir.resolve("acng.conf"))).contains("""
                CacheDir: /var/cache/juju/apt-cacher-ng
                LogDir: /data/agents/apt-cache/logs
                SupportDir: /usr/lib/apt-cacher-ng
                BindAddress: 10.0.3.1
                Port: 23142
                ForeGround: 1
                SocketPath:
                ReportPage: acng-report.html
                ExThreshold: 4
                Remap-debrep: file:deb_mirror*.gz /debian ftp.uk.debian.org/debian ; file:backends_debian
                Remap-secdeb: security.debian.org security.debian.org/debian-security deb.debian.org/debian-security \
                /debian-security ; file:backends_debian_security
                """).startsWith("# apt-cacher-ng configuration of the apt cache of environment 'dev', written by juju");
    }

    @Test
    void readsTheAddressBack() throws Exception {
        config.write(tmp);

        assertThat(AptCacheConfig.address(tmp)).contains("10.0.3.1:23142");
        assertThat(AptCacheConfig.address(tmp.resolve("missing"))).isEmpty();
    }

    @Test
    void refusesPortsAptCacherNgCannotUse() {
        assertThatThrownBy(() -> new AptCacheConfig("c", tmp, tmp, "127.0.0.1", 32768, mirrors))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port 32768");
    }

    @Test
    void refusesValuesThatWouldEndALineEarly() {
        assertThatThrownBy(() -> new AptCacheConfig("c", tmp.resolve("a#b"), tmp, "127.0.0.1", 3142, mirrors))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a#b");
        assertThatThrownBy(() -> new AptCacheConfig("c", tmp, tmp, "127.0.0.1\nPort: 1", 3142, mirrors))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
