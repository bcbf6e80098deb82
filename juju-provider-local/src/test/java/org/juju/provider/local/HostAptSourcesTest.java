package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.juju.provider.local.HostAptSources.Mirrors;
import org.juju.provider.local.HostAptSources.Source;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostAptSourcesTest {
    /** What Debian's bookworm images install as /etc/apt/sources.list.d/debian.sources. */
    private static final String DEBIAN_SOURCES = """
            Types: deb
            # http://snapshot.debian.org/archive/debian/20250520T000000Z
            URIs: http://deb.debian.org/debian
            Suites: bookworm bookworm-updates
            Components: main
            Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

            Types: deb
            # http://snapshot.debian.org/archive/debian-security/20250520T000000Z
            URIs: http://deb.debian.org/debian-security
            Suites: bookworm-security
            Components: main
            Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
            """;

    @Nested
    class Deb822 {
        @Test
        void readsOneSourcePerStanza() {
            assertThat(HostAptSources.parseDeb822(DEBIAN_SOURCES)).containsExactly(
                    new Source(List.of("deb"), URI.create("http://deb.debian.org/debian"),
                            List.of("bookworm", "bookworm-updates"), List.of("main")),
                    new Source(List.of("deb"), URI.create("http://deb.debian.org/debian-security"),
                            List.of("bookworm-security"), List.of("main")));
        }

        @Test
        void readsFieldsInAnyCaseContinuedAndOneSourcePerUri() {
            List<Source> sources = HostAptSources.parseDeb822("""
                    types: deb deb-src
                    URIS: http://ftp.de.debian.org/debian/
                      http://ftp.fr.debian.org/debian
                    Suites: trixie
                    Components: main
                     contrib non-free-firmware
                    """);

            assertThat(sources).extracting(Source::uri).containsExactly(URI.create("http://ftp.de.debian.org/debian"),
                    URI.create("http://ftp.fr.debian.org/debian"));
            assertThat(sources.get(0).types()).containsExactly("deb", "deb-src");
            assertThat(sources.get(0).components()).containsExactly("main", "contrib", "non-free-firmware");
        }

        @Test
        void passesOverDisabledStanzas() {
            assertThat(HostAptSources.parseDeb822("""
                    Enabled: no
                    Types: deb
                    URIs: http://old.example.org/debian
                    Suites: bookworm
                    Components: main
                    """)).isEmpty();
        }
    }

    @Nested
    class OneLine {
        @Test
        void readsTypeOptionsUriSuiteAndComponents() {
            assertThat(HostAptSources.parseOneLine("""
                    # the archive
                    deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://ftp.uk.debian.org/debian bookworm main contrib
                    deb-src [ arch=amd64 ] http://ftp.uk.debian.org/debian/ bookworm main  # sources too
                    #deb http://commented.example.org/debian bookworm main
                    deb http://incomplete.example.org/debian
                    """)).containsExactly(
                    new Source(List.of("deb"), URI.create("http://ftp.uk.debian.org/debian"), List.of("bookworm"),
                            List.of("main", "contrib")),
                    new Source(List.of("deb-src"), URI.create("http://ftp.uk.debian.org/debian"), List.of("bookworm"),
                            List.of("main")));
        }
    }

    @Nested
    class Choice {
        @Test
        void takesTheFirstDebianArchiveAndSecurityArchive() {
            Mirrors mirrors = HostAptSources.mirrors(HostAptSources.parseOneLine("""
                    deb https://download.docker.com/linux/debian bookworm stable
                    deb http://apt.postgresql.org/pub/repos/apt bookworm-pgdg main
                    deb https://packages.cloud.google.com/apt cloud-sdk-bookworm main
                    deb file:/srv/debian bookworm main
                    deb http://security.example.org/debian-security buster/updates main
                    deb http://mirror.example.org/debian bookworm main
                    deb http://second.example.org/debian bookworm main
                    """));

            assertThat(mirrors).isEqualTo(new Mirrors(URI.create("http://mirror.example.org/debian"),
                    URI.create("http://security.example.org/debian-security")));
        }

        @Test
        void fallsBackToDebDebianOrgForWhatIsMissing() {
            Mirrors mirrors = HostAptSources.mirrors(HostAptSources.parseOneLine(
                    "deb http://mirror.example.org/debian bookworm main\n"));

            assertThat(mirrors.debian()).isEqualTo(URI.create("http://mirror.example.org/debian"));
            assertThat(mirrors.security()).isEqualTo(Mirrors.DEFAULT.security());
            assertThat(HostAptSources.mirrors(List.of())).isEqualTo(Mirrors.DEFAULT);
        }

        @Test
        void acceptsOnlyHttpMirrors() {
            assertThatThrownBy(() -> new Mirrors(URI.create("file:/srv/debian"), Mirrors.DEFAULT.security()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file:/srv/debian");
        }
    }

    @Nested
    class SourceFiles {
        @TempDir
        Path apt;

        @Test
        void readsSourcesListThenListFilesThenSourcesFiles() throws Exception {
            Path parts = Files.createDirectories(apt.resolve("sources.list.d"));
            Files.writeString(parts.resolve("debian.sources"), DEBIAN_SOURCES);
            Files.writeString(parts.resolve("mirror.list"), "deb http://list.example.org/debian bookworm main\n");
            Files.writeString(parts.resolve("nodesource.sources.disabled-by-farm"),
                    DEBIAN_SOURCES.replace("deb.debian.org", "ignored.example.org"));

            assertThat(HostAptSources.read(apt)).as("a .list file before a .sources file").isEqualTo(
                    new Mirrors(URI.create("http://list.example.org/debian"),
                            URI.create("http://deb.debian.org/debian-security")));

            Files.writeString(apt.resolve("sources.list"), "deb http://main.example.org/debian/ bookworm main\n");

            assertThat(HostAptSources.read(apt).debian()).as("sources.list first")
                    .isEqualTo(URI.create("http://main.example.org/debian"));
        }

        @Test
        void readsNothingFromAnEmptyDirectory() {
            assertThat(HostAptSources.read(apt)).isEqualTo(Mirrors.DEFAULT);
            assertThat(HostAptSources.read(apt.resolve("missing"))).isEqualTo(Mirrors.DEFAULT);
        }
    }
}
