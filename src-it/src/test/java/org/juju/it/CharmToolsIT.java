package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The charm author's tools ({@code juju charm ...}) as a user runs them: the real {@code bin/juju}
 * process on charm directories of the checkout, without an environment. One test method per
 * command.
 */
class CharmToolsIT {
    private static final Path EXAMPLES = JujuProcess.ROOT.resolve("charms-examples/bookworm");
    private static final Path BROKEN = JujuProcess.ROOT.resolve("src-it/src/test/resources/charms/broken");

    @TempDir
    Path jujuHome;

    @Test
    void proof() throws Exception {
        JujuProcess juju = new JujuProcess(jujuHome);

        JujuProcess.Result good = juju.run("charm", "proof", EXAMPLES.resolve("kvstore").toString());
        JujuProcess.Result broken = juju.run("charm", "proof", BROKEN.resolve("hook-not-executable").toString());
        JujuProcess.Result json = juju.run("charm", "proof", "--format", "json", BROKEN.resolve("bad-revision").toString());
        JujuProcess.Result notADirectory = juju.run("charm", "proof", EXAMPLES.resolve("kvstore/revision").toString());

        assertThat(good.code()).as(good.toString()).isZero();
        assertThat(good.out()).as(good.toString()).isEqualTo("0 errors, 0 warnings\n");
        assertThat(broken.code()).as(broken.toString()).isEqualTo(1);
        assertThat(broken.out()).as(broken.toString())
                .isEqualTo("E: hooks/install: not executable (chmod +x hooks/install)\n1 error, 0 warnings\n");
        assertThat(json.code()).as(json.toString()).isEqualTo(1);
        assertThat(json.out()).as(json.toString()).startsWith("{\"charm\":\"bad-revision\",\"errors\":[{\"code\":"
                + "\"revision-invalid\",\"file\":\"revision\",").endsWith("\"warnings\":[]}\n");
        assertThat(notADirectory.code()).as(notADirectory.toString()).isEqualTo(2);
        assertThat(notADirectory.err()).as(notADirectory.toString()).startsWith("error: ").contains("not a directory");
        assertThat(jujuHome).as("proof needs no environment and writes nothing").isEmptyDirectory();
    }
}
