package org.juju.client.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.JujuException;
import org.juju.state.testing.CleanOutcome;
import org.juju.state.testing.ScratchDirectory;
import org.juju.state.testing.YamlArbitraries;

/**
 * environments.yaml of any content reads, and each environment it names is selected, or the user
 * gets one line naming the file (reading) or the environment (selecting): never a stack trace.
 */
class EnvironmentsFilePropertiesTest {
    private static final List<String> KEYS = List.of("environments", "default", "type", "sample", "local",
            "admin-secret", "control-bucket", "default-series", "data-dir", "region", "zookeeper-port",
            "access-key", "secret-key", "ec2", "dummy");
    private static Path dir;

    @BeforeContainer
    static void makeDirectory() {
        dir = ScratchDirectory.create("envfile-props");
    }

    @AfterContainer
    static void removeDirectory() {
        ScratchDirectory.delete(dir);
    }

    @Property(tries = 500)
    void anyTextReadsOrIsRefusedNamingTheFile(@ForAll("yamlish") String text) throws IOException {
        check(Files.writeString(dir.resolve("environments.yaml"), text));
    }

    @Property(tries = 1000)
    void anyShapeReadsOrIsRefusedNamingTheFile(@ForAll("shaped") Map<String, Object> data) throws IOException {
        check(Files.writeString(dir.resolve("environments.yaml"), YamlCodec.dump(data)));
    }

    private static void check(Path file) {
        CleanOutcome.of(() -> EnvironmentsFile.read(file), InvalidInputException.class, "environments.yaml")
                .ifPresent(envs -> {
                    CleanOutcome.of(() -> envs.select(null, null), JujuException.class, null);
                    for (String name : envs.names()) {
                        CleanOutcome.of(() -> envs.select(name, null), JujuException.class, null);
                    }
                });
    }

    @Provide
    Arbitrary<String> yamlish() {
        return YamlArbitraries.yamlishText();
    }

    @Provide
    Arbitrary<Map<String, Object>> shaped() {
        return YamlArbitraries.shapedMaps(KEYS);
    }
}
